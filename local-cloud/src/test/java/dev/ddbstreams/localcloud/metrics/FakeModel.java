package dev.ddbstreams.localcloud.metrics;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.RequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * SDK model objects with the members given by name: stand-ins for Firehose and Kinesis requests
 * and responses, whose SDKs this module does not depend on. Read-only: what the SDK's generated
 * classes look like to {@link ModelFields}.
 */
final class FakeModel {

    private FakeModel() {
    }

    static <T> SdkField<T> member(String name, MarshallingType<? super T> type, T value) {
        return SdkField.<T>builder(type)
                .memberName(name)
                .getter(pojo -> value)
                .setter((pojo, newValue) -> {
                    throw new UnsupportedOperationException("read-only fake");
                })
                .traits(LocationTrait.builder().location(MarshallLocation.PAYLOAD).locationName(name).build())
                .build();
    }

    static SdkPojo pojo(SdkField<?>... members) {
        List<SdkField<?>> fields = List.of(members);
        return () -> fields;
    }

    static SdkRequest request(SdkField<?>... members) {
        List<SdkField<?>> fields = List.of(members);
        return new SdkRequest() {
            @Override
            public Optional<? extends RequestOverrideConfiguration> overrideConfiguration() {
                return Optional.empty();
            }

            @Override
            public Builder toBuilder() {
                throw new UnsupportedOperationException("read-only fake");
            }

            @Override
            public List<SdkField<?>> sdkFields() {
                return fields;
            }
        };
    }

    static SdkResponse response(SdkField<?>... members) {
        return new FakeResponse(List.of(members));
    }

    private static final class FakeResponse extends SdkResponse {
        private final List<SdkField<?>> fields;

        FakeResponse(List<SdkField<?>> fields) {
            super(new NoHttpResponse());
            this.fields = fields;
        }

        @Override
        public Builder toBuilder() {
            throw new UnsupportedOperationException("read-only fake");
        }

        @Override
        public List<SdkField<?>> sdkFields() {
            return fields;
        }
    }

    private static final class NoHttpResponse implements SdkResponse.Builder {
        @Override
        public SdkResponse.Builder sdkHttpResponse(SdkHttpResponse response) {
            return this;
        }

        @Override
        public SdkHttpResponse sdkHttpResponse() {
            return null;
        }

        @Override
        public SdkResponse build() {
            throw new UnsupportedOperationException("read-only fake");
        }
    }
}
