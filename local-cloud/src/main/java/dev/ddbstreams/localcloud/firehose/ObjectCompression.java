package dev.ddbstreams.localcloud.firehose;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The compression formats the local Firehose writes. Firehose also offers ZIP, Snappy and
 * HADOOP_SNAPPY; those are rejected at configuration time rather than silently written
 * uncompressed, because a reader would then look for the wrong bytes.
 */
public enum ObjectCompression {
    UNCOMPRESSED(""),
    GZIP(".gz");

    private final String extension;

    ObjectCompression(String extension) {
        this.extension = extension;
    }

    /** The file extension Firehose appends to the object key: {@code .gz} for GZIP, none otherwise. */
    public String extension() {
        return extension;
    }

    OutputStream wrap(OutputStream out) throws IOException {
        return this == GZIP ? new GZIPOutputStream(out) : out;
    }

    /**
     * Parses Firehose's {@code CompressionFormat} value as it appears in a template.
     *
     * @param value UNCOMPRESSED or GZIP; null or blank means UNCOMPRESSED (Firehose's default)
     * @throws IllegalArgumentException for ZIP, Snappy, HADOOP_SNAPPY or an unknown value
     */
    public static ObjectCompression parse(String value) {
        if (value == null || value.isBlank()) {
            return UNCOMPRESSED;
        }
        switch (value.trim()) {
            case "UNCOMPRESSED":
                return UNCOMPRESSED;
            case "GZIP":
                return GZIP;
            case "ZIP":
            case "Snappy":
            case "HADOOP_SNAPPY":
                throw new IllegalArgumentException("CompressionFormat " + value
                        + " is valid in Firehose but not emulated locally: use UNCOMPRESSED or GZIP");
            default:
                throw new IllegalArgumentException("unknown CompressionFormat '" + value
                        + "': Firehose accepts UNCOMPRESSED, GZIP, ZIP, Snappy or HADOOP_SNAPPY");
        }
    }
}
