package dev.orgql.devmode;

import dev.orgql.devlogto.SampleData;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Dev mode only: the gateway's root leads to GraphiQL signed in as the sample admin (a fresh token, as the
 * start-up banner's link has), so {@code http://localhost:8080} in a browser is all a newcomer needs.
 * It hands out no more than {@code /dev/tokens} does, on the same loopback-only server; production has
 * no root page.
 */
@Controller
@Requires(env = "dev")
public class DevRootController {
    private final DevLogto devLogto;

    public DevRootController(DevLogto devLogto) {
        this.devLogto = devLogto;
    }

    @Get
    public HttpResponse<?> root() {
        String token = devLogto.userToken(SampleData.ADMIN_USER_ID);
        return HttpResponse.seeOther(URI.create("/graphiql?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }
}
