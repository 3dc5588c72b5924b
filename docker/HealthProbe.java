import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;

/**
 * Container health check: exits 0 only when the readiness probe answers HTTP 200.
 * <p>
 * The JRE images have no curl or wget, so the image runs this class instead. It uses
 * only java.base, so it starts fast, and it follows {@code MANAGEMENT_SERVER_PORT} or
 * {@code SERVER_PORT} when the port is moved by environment variables.
 * Usage: {@code java -cp /opt/healthprobe HealthProbe [path]}.
 */
public final class HealthProbe {

    private static final int TIMEOUT_MILLIS = 2_000;

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "/actuator/health/readiness";
        String url = "http://127.0.0.1:" + port() + path;
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
