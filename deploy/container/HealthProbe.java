import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Container health check: exits 0 only when the readiness probe answers HTTP 200.
 * <p>
 * The JRE images have no curl or wget, so the image runs this class instead. It uses
 * only java.base, so it starts fast, and it follows {@code MANAGEMENT_SERVER_PORT} or
 * {@code SERVER_PORT} when the port is moved by environment variables, and
 * {@code MANAGEMENT_SERVER_ADDRESS} or {@code SERVER_ADDRESS} when HTTP listens on one
 * address only (on every interface, the image's default, loopback answers).
 * Usage: {@code java -cp /opt/healthprobe HealthProbe [path]}.
 */
public final class HealthProbe {

    private static final int TIMEOUT_MILLIS = 2_000;

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "/actuator/health/readiness";
        String url = "http://" + host() + ":" + port() + path;
        try {
            int status = get(url);
            System.out.println(url + " -> HTTP " + status);
            System.exit(status == 200 ? 0 : 1);
        }
        catch (IOException | RuntimeException ex) {
            System.out.println(url + " -> " + ex);
            System.exit(1);
        }
    }

    private static String host() {
        for (String name : new String[] { "MANAGEMENT_SERVER_ADDRESS", "SERVER_ADDRESS" }) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                value = value.trim();
                if (value.equals("0.0.0.0") || value.equals("::") || value.equals("[::]")) {
                    return "127.0.0.1";
                }
                return value.contains(":") && !value.startsWith("[") ? "[" + value + "]" : value;
            }
        }
        return "127.0.0.1";
    }

    private static String port() {
        for (String name : new String[] { "MANAGEMENT_SERVER_PORT", "SERVER_PORT" }) {
            String value = System.getenv(name);
            if (value != null && value.matches("\\d{1,5}")) {
                return value;
            }
        }
        return "8080";
    }

    private static int get(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        connection.setUseCaches(false);
        connection.setInstanceFollowRedirects(false);
        try {
            return connection.getResponseCode();
        }
        finally {
            connection.disconnect();
        }
    }

}
