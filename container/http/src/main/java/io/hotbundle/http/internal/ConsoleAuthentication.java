package io.hotbundle.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import java.util.Hashtable;
import java.util.Map;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.servlet.context.ServletContextHelper;

import io.hotbundle.http.internal.rules.HttpRule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web console's login: HTTP Basic with the operator's user and password from {@code io.hotbundle.http}. A
 * wrong or missing answer gets a 401 with a challenge, so a browser asks for the password. The only class of
 * this bundle that names the web console's API, which is imported dynamically: the console is installed when
 * HTTP is turned on, after this bundle resolved.
 */
final class ConsoleAuthentication implements SecurityProvider {

    private static final String REALM = "Hotbundle";

    private final String user;
    private final String password;

    /** Registers the login, ranked above the console's own. */
    static ServiceRegistration<?> register(BundleContext context, String user, String password) {
        var properties = new Hashtable<String, Object>(Map.of(Constants.SERVICE_RANKING, 1000,
                SecurityProvider.PROPERTY_ID, "hotbundle"));
        return context.registerService(SecurityProvider.class, new ConsoleAuthentication(user, password), properties);
    }

    ConsoleAuthentication(String user, String password) {
        this.user = user;
        this.password = password;
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0 && decoded.substring(0, colon).equals(user)
                        && HttpRule.matches(password, decoded.substring(colon + 1))) {
                    request.setAttribute(ServletContextHelper.AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
                    request.setAttribute(ServletContextHelper.REMOTE_USER, user);
                    return user;
                }
            } catch (IllegalArgumentException e) {
                // not Base64: the same answer as a wrong password
            }
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        return null;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return true;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // HTTP Basic has no server-side session to end.
    }
}
