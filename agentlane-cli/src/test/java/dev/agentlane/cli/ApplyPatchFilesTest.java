package dev.agentlane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentlane.cli.ApplyPatchFiles.FileChange;
import org.junit.jupiter.api.Test;

class ApplyPatchFilesTest {
  @Test
  void everyFileHeaderOfAPatchIsAChange() {
    String patch = """
        *** Begin Patch
        *** Add File: docs/new.md
        +# New
        +*** not a header: added content starts with +
        *** Update File: src/app.ts
        *** Move to: src/main.ts
        @@ class App
         context
        -old
        +new
        *** End of File
        *** Delete File: src/old.ts
        *** End Patch
        """;
    assertThat(ApplyPatchFiles.parse(patch)).containsExactly(new FileChange("add", "docs/new.md"),
        new FileChange("update", "src/app.ts"), new FileChange("move", "src/main.ts"),
        new FileChange("delete", "src/old.ts"));
  }

  @Test
  void windowsLineEndingsAndBlankLinesAroundTheEnvelopeAreRead() {
    assertThat(ApplyPatchFiles.parse("\r\n*** Begin Patch\r\n*** Delete File: a.txt\r\n*** End Patch\r\n\r\n"))
        .containsExactly(new FileChange("delete", "a.txt"));
  }

  @Test
  void whatIsNotAnEnvelopeThisReaderKnowsIsRefused() {
    for (String bad : new String[] {
        "",
        "*** Update File: a.ts\n*** End Patch\n",
        "*** Begin Patch\n*** Update File: a.ts\n",
        "*** Begin Patch\n*** End Patch\n",
        "*** Begin Patch\n*** Copy File: a.ts\n*** End Patch\n",
        "*** Begin Patch\n*** Move to: b.ts\n*** End Patch\n",
        "*** Begin Patch\n*** Add File:   \n*** End Patch\n",
        "*** Begin Patch\n*** Delete File: a.ts\n*** End Patch\nrm -rf /\n"}) {
      assertThatThrownBy(() -> ApplyPatchFiles.parse(bad)).as(bad).isInstanceOf(HookFailure.class)
          .hasMessageStartingWith("cannot read the apply_patch input as a patch: ");
    }
  }
}
