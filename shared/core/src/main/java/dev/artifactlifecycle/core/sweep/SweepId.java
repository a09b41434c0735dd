package dev.artifactlifecycle.core.sweep;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** {@code 20261121T020000Z-3f9a1c0b}: the UTC start in basic ISO format, a dash, 8 lowercase hex digits. */
public final class SweepId {
    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern FORMAT = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{8}");

    private SweepId() {}

    public static String of(Instant startedAt, RandomGenerator random) {
        return BASIC.format(startedAt) + "-" + HexFormat.of().toHexDigits(random.nextInt());
    }

    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
