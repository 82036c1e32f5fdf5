package dev.ddbstreams.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --bind ADDRESS}: the address the local servers listen on. Loopback by default: DynamoDB
 * Local, the local Firehose and a function URL have no authentication, so another address opens
 * them to whoever can reach it, and only on purpose.
 */
final class BindOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 = every interface, "
                    + "with no authentication).")
    String address;

    InetAddress address() {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--bind: unknown address " + address);
        }
    }
}
