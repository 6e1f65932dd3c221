package dev.orgql.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orgql.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own {@code logback.xml}, loaded as logback loads it at start-up with
 * {@code ORGQL_LOG_FORMAT} set or not, and one request's line written by the appender it chose.
 */
class LogFormatTest {
    private final List<LoggerContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(LoggerContext::stop);
    }

    private Appender<ILoggingEvent> rootAppender(String format) throws JoranException {
        LoggerContext context = new LoggerContext();
        contexts.add(context);
        if (format != null) {
            context.putProperty("ORGQL_LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        Iterator<Appender<ILoggingEvent>> it =
                context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        it.forEachRemaining(appenders::add);
        assertThat(appenders).hasSize(1);
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("logback reports no problem (it would print its status at start-up)")
                .allSatisfy(status -> assertThat(status.getLevel()).isLessThan(Status.WARN));
        return appenders.get(0);
    }

    private static String line(Appender<ILoggingEvent> appender) {
        Logger logger = ((LoggerContext) appender.getContext()).getLogger("dev.orgql.logto.ManagementApi");
        LoggingEvent event = new LoggingEvent(
                Logger.class.getName(), logger, Level.WARN, "Logto {} answered {}", null, new Object[] {
                    "GET /api/organizations/ryggecuhevx9", 404
                });
        event.setMDCPropertyMap(Map.of("requestId", "frontend-42"));
        byte[] bytes =
                ((OutputStreamAppender<ILoggingEvent>) appender).getEncoder().encode(event);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void textByDefault() throws Exception {
        Appender<ILoggingEvent> appender = rootAppender(null);

        assertThat(((OutputStreamAppender<ILoggingEvent>) appender).getEncoder())
                .isInstanceOf(PatternLayoutEncoder.class);
        assertThat(line(appender))
                .endsWith(
                        " WARN  dev.orgql.logto.ManagementApi [frontend-42] - Logto GET /api/organizations/ryggecuhevx9"
                                + " answered 404" + System.lineSeparator());
    }

    @Test
    void oneJsonObjectPerLineWithTheRequestId() throws Exception {
        Appender<ILoggingEvent> appender = rootAppender("json");

        String line = line(appender);

        assertThat(((OutputStreamAppender<ILoggingEvent>) appender).getEncoder())
                .isInstanceOf(JsonEncoder.class);
        assertThat(line).endsWith("\n").doesNotContain("\n{").hasLineCount(1);
        JsonNode json = Fixtures.JSON.readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("loggerName").asText()).isEqualTo("dev.orgql.logto.ManagementApi");
        assertThat(json.path("mdc").path("requestId").asText()).isEqualTo("frontend-42");
        assertThat(json.path("formattedMessage").asText())
                .isEqualTo("Logto GET /api/organizations/ryggecuhevx9 answered 404");
        assertThat(json.has("timestamp")).isTrue();
    }
}
