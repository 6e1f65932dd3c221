package dev.orgql.devlogto;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Function;

/**
 * koa-pagination as described in management-api.md §1.5: page from 1, page_size default 20 and at most
 * 100; optional endpoints return everything (no headers) unless a page parameter is present.
 */
final class Pagination {
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    enum Mode {
        MANDATORY,
        OPTIONAL
    }

    private Pagination() {}

    /** Renders {@code rows} as one page (or all rows) with the headers Logto sends. */
    static <T> Response respond(Request req, Mode mode, List<T> rows, Function<T, JsonNode> render) {
        String page = req.query("page");
        String size = req.query("page_size");
        boolean absent = (page == null || page.isEmpty()) && (size == null || size.isEmpty());
        if (mode == Mode.OPTIONAL && absent) {
            return Response.ok(Json.array(rows.stream().map(render).toList()));
        }
        int pageNumber = parse(page, 1);
        int pageSize = parse(size, DEFAULT_PAGE_SIZE);
        if (pageSize > MAX_PAGE_SIZE) throw ApiError.invalidPagination();
        int from = (int) Math.min((long) (pageNumber - 1) * pageSize, rows.size());
        int to = Math.min(from + pageSize, rows.size());
        Response response = Response.ok(
                Json.array(rows.subList(from, to).stream().map(render).toList()));
        response.header("Total-Number", String.valueOf(rows.size()));
        response.header("Link", links(req, pageNumber, pageSize, rows.size()));
        return response;
    }

    private static int parse(String value, int fallback) {
        if (value == null || value.isEmpty()) return fallback;
        try {
            int n = Integer.parseInt(value.trim());
            if (n <= 0) throw ApiError.invalidPagination();
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.invalidPagination();
        }
    }

    private static String links(Request req, int page, int pageSize, int total) {
        int last = Math.max(1, (total + pageSize - 1) / pageSize);
        StringBuilder sb = new StringBuilder();
        // koa-pagination's order: first, prev, last, next (one Link value each; joined here as one header).
        sb.append('<').append(url(req, 1)).append(">; rel=\"first\"");
        if (page > 1) sb.append(", <").append(url(req, page - 1)).append(">; rel=\"prev\"");
        sb.append(", <").append(url(req, last)).append(">; rel=\"last\"");
        if (page < last) sb.append(", <").append(url(req, page + 1)).append(">; rel=\"next\"");
        return sb.toString();
    }

    /** The request URL with {@code page} replaced where it stands (or appended), the other parameters kept as sent. */
    private static String url(Request req, int page) {
        StringBuilder q = new StringBuilder();
        boolean replaced = false;
        if (req.rawQuery != null) {
            for (String pair : req.rawQuery.split("&")) {
                if (pair.isEmpty()) continue;
                boolean isPage = pair.equals("page") || pair.startsWith("page=");
                if (isPage && replaced) continue;
                q.append(q.length() == 0 ? "" : "&").append(isPage ? "page=" + page : pair);
                replaced |= isPage;
            }
        }
        if (!replaced) q.append(q.length() == 0 ? "" : "&").append("page=").append(page);
        // Logto's API router is mounted under /api and koa-pagination builds links from the path inside it, so
        // the links lack the /api prefix (recordings 40-45, 49: <http://host/organizations/…?page=1>).
        String path = req.path.startsWith("/api/") ? req.path.substring("/api".length()) : req.path;
        return req.baseUrl + path + "?" + q;
    }
}
