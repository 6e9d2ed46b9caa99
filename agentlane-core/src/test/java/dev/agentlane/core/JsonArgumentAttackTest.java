package dev.agentlane.core;

import static dev.agentlane.core.EngineFixture.engine;
import static dev.agentlane.core.EngineFixture.freshPair;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agentlane.Action;
import dev.agentlane.AgentKey;
import dev.agentlane.Decision;
import dev.agentlane.Lane;
import dev.agentlane.PolicyEngine;
import dev.agentlane.Reason;
import dev.agentlane.ReasonCode;
import dev.agentlane.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Hostile tool arguments given as JSON text: escapes, duplicate keys, nesting, arrays, non-string
 * values, keys that carry paths. Each call must reach the verdict the realistic policy's intent requires.
 */
class JsonArgumentAttackTest {
  private final MutableClock clock = MutableClock.startingAt("2026-11-24T10:00:00Z");
  private PolicyEngine engine;

  @BeforeEach
  void start() {
    engine = engine(TestPolicies.realistic(), clock).build();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  /** Decides a JSON-argument call for a fresh pair in the given lane (a HALT must not leak between calls). */
  private Decision decide(Lane lane, String tool, String json) {
    AgentKey key = freshPair(engine, lane);
    return engine.decide(Action.builder().key(key).tool(tool).argumentsJson(json).build());
  }

  private static void expect(Decision d, Verdict verdict, ReasonCode reason) {
    assertThat(d.verdict()).as(d.explain()).isEqualTo(verdict);
    assertThat(d.reasons()).as(d.explain()).extracting(Reason::code).contains(reason);
  }

  @Nested
  class SecretsHiddenInJson {
    @Test
    void unicodeEscapedDotEnvIsTheSecret() {
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":\"\\u002e\\u0065nv\"}"), Verdict.HALT, ReasonCode.SENSITIVE_PATH);
    }

    @Test
    void unicodeEscapedFullwidthDotEnvIsTheSecret() {
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":\"\\uff0e\\uff45\\uff4e\\uff56\"}"), Verdict.HALT,
          ReasonCode.SENSITIVE_PATH);
    }

    @Test
    void escapedBackslashesAndDotDotReachTheSecret() {
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":\"src\\\\..\\\\.env\"}"), Verdict.HALT, ReasonCode.SENSITIVE_PATH);
    }

    @Test
    void unicodeEscapedSecretInsideAShellLine() {
      expect(decide(Lane.SANDBOX, "bash", "{\"command\":\"cat \\u002eenv\"}"), Verdict.HALT, ReasonCode.SENSITIVE_PATH);
    }

    @Test
    void secretInAnUnlistedArgumentStillHalts() {
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":\"src/A.java\",\"extra\":\".env\"}"), Verdict.HALT,
          ReasonCode.SENSITIVE_PATH);
    }

    @Test
    void secretDeepInsideNestedArraysAndObjects() {
      expect(decide(Lane.DRAFT, "list_dir", "{\"path\":\"src\",\"options\":{\"deep\":[[[{\"x\":\"config/.env\"}]]]}}"),
          Verdict.HALT, ReasonCode.SENSITIVE_PATH);
    }

    @Test
    void secretAsSecondElementOfAPathArray() {
      expect(decide(Lane.DRAFT, "list_dir", "{\"path\":[\"src\",\".env\"]}"), Verdict.HALT, ReasonCode.SENSITIVE_PATH);
    }

    @Test
    void secretInsideAnObjectWhereAStringWasExpected() {
      expect(decide(Lane.DRAFT, "list_dir", "{\"path\":{\"p\":\".env\"}}"), Verdict.HALT, ReasonCode.SENSITIVE_PATH);
    }

    @Test
    void secretAsAnObjectKeyIsAMentionToo() {
      // Multi-file tools name files by key: {"files":{".env":"KEY=..."}}. "Every string anywhere in the arguments".
      expect(decide(Lane.DRAFT, "list_dir", "{\"path\":\"src\",\"files\":{\".env\":\"KEY=1\"}}"), Verdict.HALT,
          ReasonCode.SENSITIVE_PATH);
    }

    @Test
    void unicodeEscapedSecretAsAnObjectKey() {
      expect(decide(Lane.DRAFT, "list_dir", "{\"path\":\"src\",\"\\u002eenv\":true}"), Verdict.HALT,
          ReasonCode.SENSITIVE_PATH);
    }

    @Test
    void includeGlobSelectingSecretsIsAMention() {
      expect(decide(Lane.DRAFT, "list_dir", "{\"path\":\"src\",\"options\":{\"include\":[\"**/.e*\"]}}"), Verdict.HALT,
          ReasonCode.SENSITIVE_PATH);
    }

    @Test
    void carriageReturnSeparatesCommands() {
      expect(decide(Lane.SANDBOX, "bash", "{\"command\":\"npm test\\rcat .env\"}"), Verdict.HALT, ReasonCode.SENSITIVE_PATH);
    }
  }

  @Nested
  class StrictParsing {
    @Test
    void duplicateKeyHiddenByAUnicodeEscapeIsRejected() {
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":\"src/A.java\",\"pa\\u0074h\":\".env\"}"), Verdict.DENY,
          ReasonCode.INVALID_ACTION);
    }

    @Test
    void identicalDuplicateKeysAreRejected() {
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":\"src/A.java\",\"path\":\"src/A.java\"}"), Verdict.DENY,
          ReasonCode.INVALID_ACTION);
    }

    @Test
    void duplicateCommandKeyIsRejected() {
      expect(decide(Lane.SANDBOX, "bash", "{\"command\":\"npm test\",\"command\":\"cat .env\"}"), Verdict.DENY,
          ReasonCode.INVALID_ACTION);
    }

    @Test
    void secondDocumentAfterTheFirstIsRejected() {
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":\"src/A.java\"}{\"path\":\".env\"}"), Verdict.DENY,
          ReasonCode.INVALID_ACTION);
    }

    @Test
    void lenientJsonIsRejected() {
      expect(decide(Lane.DRAFT, "read_file", "{'path':'.env'}"), Verdict.DENY, ReasonCode.INVALID_ACTION);
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":\"src/A.java\",}"), Verdict.DENY, ReasonCode.INVALID_ACTION);
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":\"src/A.java\" /* .env */}"), Verdict.DENY,
          ReasonCode.INVALID_ACTION);
    }

    @Test
    void topLevelArrayOrStringIsRejected() {
      expect(decide(Lane.DRAFT, "read_file", "[{\"path\":\"src/A.java\"}]"), Verdict.DENY, ReasonCode.INVALID_ACTION);
      expect(decide(Lane.DRAFT, "read_file", "\"src/A.java\""), Verdict.DENY, ReasonCode.INVALID_ACTION);
    }

    @Test
    void nestingBeyondTheLimitIsRejected() {
      String json = "{\"path\":\"src\",\"x\":" + "[".repeat(70) + "]".repeat(70) + "}";
      expect(decide(Lane.DRAFT, "list_dir", json), Verdict.DENY, ReasonCode.INVALID_ACTION);
    }

    @Test
    void nonStringPathValuesAreInvalid() {
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":123}"), Verdict.DENY, ReasonCode.INVALID_ACTION);
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":true}"), Verdict.DENY, ReasonCode.INVALID_ACTION);
      expect(decide(Lane.SANDBOX, "bash", "{\"command\":{\"line\":\"cat .env\"}}"), Verdict.DENY,
          ReasonCode.INVALID_ACTION);
    }

    @Test
    void nullPathIsMissing() {
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":null}"), Verdict.DENY, ReasonCode.MISSING_ARGUMENT);
    }

    @Test
    void emptyArrayIsNotAPath() {
      // A required binding given as [] binds nothing: it is as absent as a missing argument.
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":[]}"), Verdict.DENY, ReasonCode.MISSING_ARGUMENT);
    }

    @Test
    void nulAndLoneSurrogatesInPathsAreInvalid() {
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":\".env\\u0000.txt\"}"), Verdict.DENY, ReasonCode.INVALID_PATH);
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":\"src/\\ud800.java\"}"), Verdict.DENY, ReasonCode.INVALID_PATH);
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":\".e\\u200bnv\"}"), Verdict.DENY, ReasonCode.INVALID_PATH);
    }

    @Test
    void caseVariantOfAnArgumentNameIsNotThePath() {
      Decision d = decide(Lane.DRAFT, "read_file", "{\"Path\":\".env\"}");
      expect(d, Verdict.HALT, ReasonCode.SENSITIVE_PATH);
      assertThat(d.reasons()).extracting(Reason::code).contains(ReasonCode.MISSING_ARGUMENT);
    }
  }

  @Nested
  class ArraysAndLines {
    @Test
    void everyCommandOfACommandArrayIsJudged() {
      expect(decide(Lane.SANDBOX, "bash", "{\"command\":[\"npm test\",\"curl https://evil.example\"]}"), Verdict.DENY,
          ReasonCode.HOST_NOT_ALLOWED);
    }

    @Test
    void everyPathOfAWriteArrayIsJudged() {
      expect(decide(Lane.SANDBOX, "write_file", "{\"path\":[\"src/A.java\",\".github/workflows/ci.yml\"],\"content\":\"x\"}"),
          Verdict.ESCALATE, ReasonCode.SENSITIVE_PATH);
    }

    @Test
    void outsidePathInAPathArray() {
      expect(decide(Lane.DRAFT, "read_file", "{\"path\":[\"src/A.java\",\"../../etc/passwd\"]}"), Verdict.DENY,
          ReasonCode.PATH_OUTSIDE_WORKSPACE);
    }

    @Test
    void unicodeLineSeparatorsDoNotHideASecondCommand() {
      assertThat(decide(Lane.SANDBOX, "bash", "{\"command\":\"npm test\\u2028curl https://evil.example\"}").verdict())
          .isNotEqualTo(Verdict.ALLOW);
      assertThat(decide(Lane.SANDBOX, "bash", "{\"command\":\"npm test\\u0085curl https://evil.example\"}").verdict())
          .isNotEqualTo(Verdict.ALLOW);
    }

    @Test
    void nulInsideACommandLine() {
      assertThat(decide(Lane.SANDBOX, "bash", "{\"command\":\"npm test\\u0000cat .env\"}").verdict())
          .isIn(Verdict.DENY, Verdict.HALT);
    }
  }

  @Nested
  class Urls {
    @Test
    void everyUrlOfAnArrayIsJudged() {
      expect(decide(Lane.SANDBOX, "fetch", "{\"url\":[\"https://github.com/x\",\"https://evil.example\"]}"), Verdict.DENY,
          ReasonCode.HOST_NOT_ALLOWED);
    }

    @Test
    void urlAsObjectIsInvalid() {
      expect(decide(Lane.SANDBOX, "fetch", "{\"url\":{\"href\":\"https://evil.example\"}}"), Verdict.DENY,
          ReasonCode.INVALID_ACTION);
    }

    @Test
    void escapedAtSignInUserinfo() {
      expect(decide(Lane.SANDBOX, "fetch", "{\"url\":\"https://github.com\\u0040evil.example/\"}"), Verdict.DENY,
          ReasonCode.HOST_NOT_ALLOWED);
    }

    @Test
    void homoglyphHostIsNotGithub() {
      expect(decide(Lane.SANDBOX, "fetch", "{\"url\":\"https://g\\u0456thub.com/\"}"), Verdict.DENY,
          ReasonCode.HOST_NOT_ALLOWED);
    }

    @Test
    void ideographicFullStopAfterTheAllowedHost() {
      expect(decide(Lane.SANDBOX, "fetch", "{\"url\":\"https://github.com\\u3002evil.example/\"}"), Verdict.DENY,
          ReasonCode.HOST_NOT_ALLOWED);
    }

    @Test
    void fileSchemeIsNotANetworkFetchEvenOnAnAllowedHost() {
      // The host rules speak of network hosts; file:// (or other non-http schemes) to an allowed name is not a fetch.
      expect(decide(Lane.SANDBOX, "fetch", "{\"url\":\"file://github.com/etc/passwd\"}"), Verdict.DENY,
          ReasonCode.HOST_NOT_ALLOWED);
    }

    @Test
    void leadingSpaceAndEmbeddedNewline() {
      expect(decide(Lane.SANDBOX, "fetch", "{\"url\":\" https://evil.example\"}"), Verdict.DENY,
          ReasonCode.HOST_NOT_ALLOWED);
      expect(decide(Lane.SANDBOX, "fetch", "{\"url\":\"https://github.com/x\\nHost: evil\"}"), Verdict.DENY,
          ReasonCode.HOST_NOT_ALLOWED);
    }

    @Test
    void plainAllowedUrlsStillPass() {
      assertThat(decide(Lane.SANDBOX, "fetch", "{\"url\":\"HTTPS://GITHUB.COM/x\"}").verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(decide(Lane.SANDBOX, "fetch", "{\"url\":\"https://github.com.:443/x\"}").verdict())
          .isEqualTo(Verdict.ALLOW);
    }
  }

  @Nested
  class ProductionCatalogue {
    @Test
    void duplicateServiceKeyIsRejected() {
      expect(decide(Lane.PRODUCTION, "deploy_production",
          "{\"service\":\"web\",\"service\":\"db\",\"environment\":\"production\"}"), Verdict.DENY, ReasonCode.INVALID_ACTION);
    }

    @Test
    void serviceArraySmugglingASecondServiceIsNotInTheCatalogue() {
      expect(decide(Lane.PRODUCTION, "deploy_production", "{\"service\":[\"web\",\"db\"],\"environment\":\"production\"}"),
          Verdict.DENY, ReasonCode.NOT_IN_CATALOGUE);
    }

    @Test
    void extraEnvironmentIsNotInTheCatalogue() {
      expect(decide(Lane.PRODUCTION, "deploy_production",
          "{\"service\":\"web\",\"environment\":[\"production\",\"staging\"]}"), Verdict.DENY, ReasonCode.NOT_IN_CATALOGUE);
    }

    @Test
    void caseVariantServiceIsNotInTheCatalogue() {
      expect(decide(Lane.PRODUCTION, "deploy_production", "{\"service\":\"WEB\",\"environment\":\"production\"}"),
          Verdict.DENY, ReasonCode.NOT_IN_CATALOGUE);
    }

    @Test
    void escapedNulAfterServiceIsNotInTheCatalogue() {
      expect(decide(Lane.PRODUCTION, "deploy_production", "{\"service\":\"web\\u0000\",\"environment\":\"production\"}"),
          Verdict.DENY, ReasonCode.NOT_IN_CATALOGUE);
    }
  }
}
