package dev.ddbstreams.localcloud.template;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns CloudFormation's short-form tags into their long forms while loading, so that the
 * resolver sees one shape: {@code !Ref X} becomes {@code {Ref: X}}, {@code !GetAtt A.B} becomes
 * {@code {Fn::GetAtt: [A, B]}}, {@code !Sub ...} becomes {@code {Fn::Sub: ...}}, and so on.
 *
 * <p>Built on {@link SafeConstructor}: only plain maps, lists and scalars are ever created, never
 * an arbitrary class named in the document. Unknown tags are errors. Timestamps stay strings
 * ({@code AWSTemplateFormatVersion: 2010-09-09} unquoted would otherwise become a {@code Date}).
 */
final class IntrinsicTagConstructor extends SafeConstructor {

    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or",
            "Length", "ToJsonString");

    IntrinsicTagConstructor(LoaderOptions options) {
        super(options);
        yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
        yamlConstructors.put(new Tag("!Condition"), new LongForm("Condition"));
        yamlConstructors.put(new Tag("!GetAtt"), new GetAttLongForm());
        for (String function : FUNCTIONS) {
            yamlConstructors.put(new Tag("!" + function), new LongForm("Fn::" + function));
        }
    }

    private Object constructAnyShape(Node node) {
        if (node instanceof ScalarNode scalar) {
            return constructScalar(scalar);
        }
        if (node instanceof SequenceNode sequence) {
            return constructSequence(sequence);
        }
        return constructMapping((MappingNode) node);
    }

    /** {@code !Name value} -> {@code {Key: value}} with the value constructed as whatever shape it has. */
    private final class LongForm extends AbstractConstruct {
        private final String key;

        LongForm(String key) {
            this.key = key;
        }

        @Override
        public Object construct(Node node) {
            return Map.of(key, constructAnyShape(node));
        }
    }

    /** {@code !GetAtt Table.StreamArn} -> {@code {Fn::GetAtt: [Table, StreamArn]}}; the list form passes through. */
    private final class GetAttLongForm extends AbstractConstruct {
        @Override
        public Object construct(Node node) {
            Object value = constructAnyShape(node);
            if (value instanceof String text) {
                int dot = text.indexOf('.');
                // Split at the first dot only: attributes such as Endpoint.Address contain dots.
                value = dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
            }
            return Map.of("Fn::GetAtt", value);
        }
    }
}
