package dev.artifactlifecycle.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM template, turning short-form intrinsics ({@code !Ref X}, {@code !Sub "..."},
 * {@code !GetAtt A.B}) into their long JSON forms ({@code {"Ref": "X"}}, {@code {"Fn::Sub": "..."}}) so the
 * document can be checked against a JSON schema as CloudFormation itself sees it.
 */
final class CloudFormationYaml {
    private static final List<String> FUNCTIONS = List.of("Ref", "Condition", "Sub", "GetAtt", "If", "Equals", "Not",
            "And", "Or", "Join", "Select", "Split", "FindInMap", "GetAZs", "ImportValue", "Base64", "Cidr",
            "Transform", "ToJsonString", "Length");

    private CloudFormationYaml() {}

    static JsonNode read(String text) {
        return new ObjectMapper().valueToTree(new Yaml(new IntrinsicConstructor()).load(text));
    }

    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String fn : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic(fn));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode s) {
                    value = constructScalar(s);
                } else if (node instanceof SequenceNode s) {
                    value = constructSequence(s);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                if (name.equals("GetAtt") && value instanceof String s) {
                    int dot = s.indexOf('.');
                    value = List.of(s.substring(0, dot), s.substring(dot + 1));
                }
                String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
                return Map.of(key, value);
            }
        }
    }
}
