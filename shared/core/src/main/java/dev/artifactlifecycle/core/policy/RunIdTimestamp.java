package dev.artifactlifecycle.core.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a run's time from its id: the first capture group of {@code regex}, parsed with {@code format}, in UTC. */
public record RunIdTimestamp(Pattern regex, DateTimeFormatter format, String formatText) {

    public Optional<Instant> parse(String runId) {
        Matcher m = regex.matcher(runId);
        if (!m.find() || m.group(1) == null) {
            return Optional.empty();
        }
        try {
            TemporalAccessor t = format.parseBest(m.group(1), OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
            if (t instanceof OffsetDateTime odt) {
                return Optional.of(odt.toInstant());
            }
            if (t instanceof LocalDateTime ldt) {
                return Optional.of(ldt.toInstant(ZoneOffset.UTC));
            }
            return Optional.of(((LocalDate) t).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
