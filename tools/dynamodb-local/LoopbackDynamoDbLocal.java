import java.lang.reflect.Field;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * Starts Amazon DynamoDB Local bound to 127.0.0.1 only. DynamoDB Local itself listens on every
 * interface and has no option to change that, so this sets the host on its Jetty connector before
 * it starts. Takes DynamoDB Local's own arguments; "-port 0" picks a free port. Prints
 * "LISTENING 127.0.0.1:PORT" once it serves, and exits when its standard input closes, so the
 * engine never outlives the process that started it.
 */
public class LoopbackDynamoDbLocal {
    public static void main(String[] args) throws Exception {
        int port = 8000;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("-port")) {
                port = Integer.parseInt(args[i + 1]);
                // DynamoDB Local rejects port 0; the connector takes it once it is replaced below.
                if (port == 0) args[i + 1] = "8000";
            }
        }
        DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        ServerConnector connector = (ServerConnector) ((Server) field.get(proxy)).getConnectors()[0];
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        proxy.start();
        System.out.println("LISTENING 127.0.0.1:" + connector.getLocalPort());
        System.out.flush();

        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) { }
            } catch (Exception ignored) {
            }
            System.exit(0);
        });
        watchdog.setDaemon(true);
        watchdog.start();
        proxy.join();
    }
}
