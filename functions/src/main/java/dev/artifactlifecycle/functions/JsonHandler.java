package dev.artifactlifecycle.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.artifactlifecycle.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The JSON in / JSON out shape every function shares. Events are read as trees, not bound to Lambda event classes,
 * so one handler can accept both S3 event shapes and report exactly which field is wrong.
 */
abstract class JsonHandler implements RequestStreamHandler {
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] bytes = input.readAllBytes();
        JsonNode event;
        try {
            event = bytes.length == 0 ? NullNode.getInstance() : JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the event is not JSON: " + e.getOriginalMessage());
        }
        if (event == null || event.isMissingNode()) {
            event = NullNode.getInstance();
        }
        JsonNode response = handle(event, context);
        JSON.writeValue(output, response);
    }

    abstract JsonNode handle(JsonNode event, Context context);
}
