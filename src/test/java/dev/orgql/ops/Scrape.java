package dev.orgql.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of {@code /prometheus}, as Prometheus reads it: the text format, parsed into series. */
record Scrape(int status, String text, List<Series> series) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    record Series(String name, Map<String, String> labels, double value) {}

    static Scrape of(String baseUrl) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/prometheus"))
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            List<Series> series = new ArrayList<>();
            if (response.statusCode() != 200) {
                return new Scrape(response.statusCode(), response.body(), series);
            }
            for (String line : response.body().split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalStateException("Not Prometheus text: " + line);
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                series.add(new Series(m.group(1), labels, Double.parseDouble(m.group(4))));
            }
            return new Scrape(response.statusCode(), response.body(), series);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum over the series of that name holding all these labels (0 when there is none). */
    double sum(String name, Map<String, String> labels) {
        return matching(name, labels).stream().mapToDouble(Series::value).sum();
    }

    List<Series> matching(String name, Map<String, String> labels) {
        return series.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
    }

    boolean has(String name) {
        return series.stream().anyMatch(s -> s.name().equals(name));
    }
}
