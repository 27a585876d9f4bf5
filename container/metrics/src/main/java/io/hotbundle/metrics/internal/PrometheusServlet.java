package io.hotbundle.metrics.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format, for a scraper. A servlet on the OSGi
 * whiteboard: it answers only when the operator turned HTTP on ({@code io.hotbundle.http}), on the address
 * configured there. (A plain property rather than the whiteboard's annotation: the annotation would make this
 * bundle require an HTTP server, which is installed only when HTTP is turned on.)
 */
@Component(service = Servlet.class, property = "osgi.http.whiteboard.servlet.pattern=/metrics")
public final class PrometheusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient MetricsRuntime metrics;

    @Activate
    public PrometheusServlet(@Reference MetricsRuntime metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
