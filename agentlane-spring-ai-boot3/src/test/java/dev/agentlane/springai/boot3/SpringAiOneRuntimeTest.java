package dev.agentlane.springai.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

/** The suite from the test-jar really runs on Spring AI 1.1, Spring Boot 3 and Spring Framework 6. */
class SpringAiOneRuntimeTest {
  private static String jarOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation().getPath();
  }

  @Test
  void theTestClassPathHasSpringAiOneOnBootThree() {
    assertThat(jarOf(ToolCallback.class)).endsWith("/spring-ai-model-1.1.2.jar");
    assertThat(jarOf(ChatClient.class)).endsWith("/spring-ai-client-chat-1.1.2.jar");
    assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
    assertThat(SpringVersion.getVersion()).startsWith("6.2.");
  }

  @Test
  void theSuiteFromTheTestJarIsOnTheClassPath() throws ClassNotFoundException {
    assertThat(Class.forName("dev.agentlane.springai.ChatClientToolLoopTest")).isNotNull();
  }
}
