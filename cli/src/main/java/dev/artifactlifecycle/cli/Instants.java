package dev.artifactlifecycle.cli;

import dev.artifactlifecycle.core.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

final class Instants {
    private Instants() {}

    /** ISO-8601 instant, date-time with or without offset (none means UTC), or a date (midnight UTC). */
    static Instant parse(String flag, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(flag + " " + value + " is not an ISO-8601 time; write e.g. 2027-01-01 or"
                    + " 2027-01-01T02:00:00Z");
        }
    }
}
