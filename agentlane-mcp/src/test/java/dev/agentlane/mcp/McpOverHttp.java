package dev.agentlane.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.jspecify.annotations.Nullable;

/**
 * A real MCP server (the SDK's Streamable HTTP transport, in a real Tomcat on a free port of 127.0.0.1) and
 * real MCP clients talking to it over HTTP. One per test; {@link #close()} stops everything.
 */
final class McpOverHttp implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Tomcat tomcat;
  private final String baseUrl;
  private final Runnable server;
  private final List<McpSyncClient> clients = new ArrayList<>();

  private McpOverHttp(Function<HttpServletStreamableServerTransportProvider, Runnable> serverFactory) {
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder().mcpEndpoint("/mcp").build();
    this.server = serverFactory.apply(transport);
    try {
      Path base = Files.createTempDirectory("agentlane-mcp-tomcat");
      tomcat = new Tomcat();
      tomcat.setSilent(true);
      tomcat.setBaseDir(base.toString());
      tomcat.setPort(0);
      tomcat.getConnector().setProperty("address", "127.0.0.1");
      // One request per connection. A handler that throws leaves Tomcat closing its connection without a
      // "Connection: close" header; a client that reused it for its next request failed now and then with
      // "HTTP/1.1 header parser received no bytes". Without keep-alive no connection is ever reused.
      tomcat.getConnector().setProperty("maxKeepAliveRequests", "1");
      Context context = tomcat.addContext("", base.toString());
      ((StandardContext) context).setClearReferencesRmiTargets(false);
      ((StandardContext) context).setClearReferencesThreadLocals(false);
      Wrapper servlet = Tomcat.addServlet(context, "mcp", transport);
      servlet.setAsyncSupported(true);
      context.addServletMapping("/*", "mcp");
      tomcat.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    }
    this.baseUrl = "http://localhost:" + tomcat.getConnector().getLocalPort();
  }

  /** A synchronous server built from {@code spec}, with the server name {@code test-server}. */
  static McpOverHttp sync(Function<McpServer.SyncSpecification<?>, McpServer.SyncSpecification<?>> spec) {
    return new McpOverHttp(transport -> {
      McpSyncServer s = spec.apply(McpServer.sync(transport).serverInfo("test-server", "1.0").requestTimeout(TIMEOUT))
          .build();
      return s::close;
    });
  }

  /** An asynchronous server built from {@code spec}. */
  static McpOverHttp async(Function<McpServer.AsyncSpecification<?>, McpServer.AsyncSpecification<?>> spec) {
    return new McpOverHttp(transport -> {
      McpAsyncServer s = spec.apply(McpServer.async(transport).serverInfo("test-server", "1.0").requestTimeout(TIMEOUT))
          .build();
      return s::close;
    });
  }

  /** The server's MCP endpoint, for a client that speaks HTTP itself. */
  String endpoint() {
    return baseUrl + "/mcp";
  }

  /** An initialized client named {@code name} that does not support elicitation. */
  McpSyncClient client(String name) {
    return client(name, null);
  }

  /** An initialized client named {@code name}, answering elicitations with {@code elicitation} if not null. */
  McpSyncClient client(String name,
      @Nullable Function<McpSchema.ElicitFormRequest, McpSchema.ElicitResult> elicitation) {
    McpClient.SyncSpec spec = McpClient.sync(HttpClientStreamableHttpTransport.builder(baseUrl).endpoint("/mcp").build())
        .clientInfo(McpSchema.Implementation.builder(name, "1.2.3").build())
        .requestTimeout(TIMEOUT)
        .initializationTimeout(TIMEOUT);
    if (elicitation != null) {
      spec.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build()).elicitation(elicitation);
    } else {
      spec.capabilities(McpSchema.ClientCapabilities.builder().build());
    }
    McpSyncClient client = spec.build();
    clients.add(client);
    client.initialize();
    return client;
  }

  @Override
  public void close() throws LifecycleException {
    for (McpSyncClient c : clients) {
      c.close();
    }
    server.run();
    tomcat.stop();
    tomcat.destroy();
  }
}
