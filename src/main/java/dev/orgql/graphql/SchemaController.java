package dev.orgql.graphql;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/** Serves the SDL, the contract clients generate code from. */
@Controller
public class SchemaController {
    private final GraphQLFactory.SchemaSource source;

    SchemaController(GraphQLFactory.SchemaSource source) {
        this.source = source;
    }

    @Get("/graphql/schema.graphql")
    @Produces(MediaType.TEXT_PLAIN)
    public String schema() {
        return source.sdl();
    }
}
