package org.callbridge.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Owns the application's Jackson mapper: java.time types understood, unknown properties ignored (the Calls API may
 * add fields). Thread-safe; callers use it as it is and never reconfigure it.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {
    }

    /** The shared mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The shared mapper's writer with the default pretty printer, for files people read. */
    public static ObjectWriter pretty() {
        return PRETTY;
    }
}
