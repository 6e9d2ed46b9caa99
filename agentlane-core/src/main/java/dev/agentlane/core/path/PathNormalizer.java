package dev.agentlane.core.path;

import dev.agentlane.core.net.PercentEncoding;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns raw, attacker-controlled path strings into canonical {@link NormalizedPath}s relative to
 * one workspace root.
 *
 * <p>Immutable and thread-safe; arguments must not be {@code null} (a {@code null} path is
 * nevertheless reported as {@code INVALID} rather than thrown). {@link #normalize(String)} never
 * throws for bad input: anything it cannot interpret unambiguously comes back {@code INVALID}, and
 * when two readings of a path disagree the stricter one wins. The steps, in order:
 *
 * <ol>
 *   <li><b>Reject</b> the empty string, strings longer than {@link Options#maxLength()} chars, and
 *       unpaired surrogates.
 *   <li><b>Percent-decode</b> if {@link Options#decodePercent()}: repeatedly until stable, at most
 *       three rounds ({@code %252e} is {@code .}); a fourth layer of encoding, or bytes that are not
 *       well-formed UTF-8 (including overlong forms such as {@code %c0%ae}), make the path
 *       {@code INVALID}. Malformed escapes ({@code 100%}) stay literal.
 *   <li><b>Reject characters</b>: NUL, C0/C1 controls and DEL, line/paragraph separators, and all
 *       invisible formatting characters (Unicode category Cf: zero-width space/joiners U+200B..U+200D,
 *       word joiner U+2060, BOM U+FEFF, bidi overrides, soft hyphen, ...) plus invisible fillers such
 *       as U+3164. <em>Decision:</em> these are rejected rather than stripped, because no legitimate
 *       tool call needs them and stripping would silently turn one file name into another.
 *   <li><b>{@code file:} URLs</b>: {@code file:///p}, {@code file://localhost/p} and {@code file:/p}
 *       become {@code /p}; {@code file://host/p} becomes the UNC path {@code //host/p};
 *       {@code file:///C:/p} becomes {@code C:/p}. The query and fragment are dropped and the path is
 *       always percent-decoded (it is a URL), whatever {@code decodePercent} says. Any other
 *       {@code file:} form is {@code INVALID}.
 *   <li><b>Unicode</b>: NFKC normalization (fullwidth {@code ．ｅｎｖ} is {@code .env}, fullwidth
 *       solidus {@code ／} is {@code /}, {@code ＼} is {@code \}, {@code ‥} is {@code ..}), then the
 *       look-alike slashes NFKC leaves alone (U+2215, U+2044, U+29F8 and U+2216, U+29F9, which
 *       Windows' "best-fit" code-page conversion can turn into real separators) become separators,
 *       then, if {@link Options#caseInsensitive()}, lower-casing with {@link Locale#ROOT} (the root
 *       is folded the same way).
 *   <li><b>Shape</b>: backslashes are separators; repeated separators collapse. Recognized forms:
 *       POSIX absolute ({@code /x}); Windows drive ({@code C:\x}, {@code c:/x}, and
 *       {@code /C:/x} as left by {@code file:} URLs); drive-relative {@code C:x} is {@code INVALID};
 *       UNC ({@code \\server\share\x}: two leading separators of which at least one is a backslash,
 *       or any two separators when the workspace root is a Windows path; two forward slashes under a
 *       POSIX root mean {@code /}, as on Linux and macOS); device paths ({@code \\?\C:\x} and
 *       {@code \\.\C:\x} are drive paths, {@code \\?\UNC\s\x} is UNC, anything else stays a device
 *       path {@code //?/...}; recognized as UNC paths are, so {@code //./x} under a POSIX root is
 *       {@code /x}); home-relative ({@code ~}, {@code ~/x}, {@code ~alice/x}, and the
 *       unexpanded variables {@code $HOME}, {@code ${HOME}}, {@code %USERPROFILE%},
 *       {@code $env:USERPROFILE} as first segment, all read as {@code ~}); everything else is
 *       relative to the workspace root.
 *   <li><b>Segments</b> are cleaned the way Windows does: an NTFS stream suffix is dropped
 *       ({@code .env::$DATA} and {@code .env:x} are {@code .env}), then trailing dots and spaces
 *       ({@code .env.} and {@code .env } are {@code .env}). <em>Decision:</em> a segment that becomes
 *       empty that way ({@code ...}, {@code . .}, {@code :x}) is {@code INVALID}, as is, when
 *       case is folded (Windows-like file systems), a segment that looks like a Windows 8.3 short
 *       name ({@code SECRET~1.ENV}), which could alias any long name, and a segment that looks like
 *       another unexpanded variable ({@code $VAR},
 *       {@code ${X}}, {@code $(cmd)}, {@code %VAR%}).
 *   <li><b>Dots</b>: {@code .} and {@code ..} are resolved lexically. Relative paths are resolved
 *       against the root, so climbing above it yields an {@code OUTSIDE} absolute path. {@code ..} at
 *       a filesystem root, drive root or UNC share stays there; {@code ..} above {@code ~} is
 *       {@code INVALID} (the home directory's location is unknown).
 *   <li><b>Classification</b>: a result under the root (same kind, drive letter and UNC server/share
 *       compared case-insensitively, whole segments compared exactly) is {@code INSIDE}; anything
 *       else is {@code OUTSIDE}.
 *   <li><b>Symlinks</b>, if {@link Options#resolveSymlinks()} and the root is an existing directory
 *       on this machine's filesystem: the path as the operating system sees it (after
 *       percent-decoding, but without Unicode or Windows clean-up) is walked from the filesystem
 *       root one component at a time, each existing component replaced by its
 *       {@link Path#toRealPath real path}, so that {@code link/..} means the parent of the link's
 *       target, as the kernel reads it. A result outside the real root is {@code OUTSIDE} with the
 *       real absolute path; a result inside is {@code INSIDE} with the real relative path only if
 *       the lexical reading was inside too (otherwise the lexical {@code OUTSIDE} stands). Dangling
 *       links, loops and other I/O errors make the path {@code INVALID} ("cannot resolve ...").
 * </ol>
 *
 * <p>Left out: Windows reserved device names ({@code NUL}, {@code CON.txt}), environment variables
 * other than the home directory, and the yen/won signs that some East Asian code pages treat as
 * backslashes.
 */
public final class PathNormalizer {

  /**
   * Normalization options. Immutable.
   *
   * @param caseInsensitive fold paths (and the root) to lower case, for case-insensitive
   *     filesystems
   * @param decodePercent percent-decode the input first, for tools that receive URL-encoded paths
   * @param resolveSymlinks consult the filesystem and follow symbolic links (see class javadoc)
   * @param maxLength the longest accepted input, in UTF-16 chars (also applied after NFKC)
   */
  public record Options(
      boolean caseInsensitive, boolean decodePercent, boolean resolveSymlinks, int maxLength) {

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException if {@code maxLength} is not positive
     */
    public Options {
      if (maxLength < 1) {
        throw new IllegalArgumentException("maxLength must be positive, was " + maxLength);
      }
    }

    /** Case-sensitive, no percent-decoding, no symlink resolution, at most 4096 chars. */
    public static Options defaults() {
      return new Options(false, false, false, 4096);
    }
  }

  /** The shape of a parsed path, see the class javadoc. */
  private enum Kind {
    RELATIVE,
    POSIX,
    DRIVE,
    UNC,
    DEVICE,
    HOME
  }

  /**
   * A path split into its anchor and segments.
   *
   * <p>Anchors: {@code ""} for RELATIVE and POSIX, {@code "C:"} for DRIVE, {@code "//server/share"}
   * for UNC, {@code "//?"} or {@code "//."} for DEVICE, {@code "~"} or {@code "~user"} for HOME.
   */
  private record Parsed(Kind kind, String anchor, List<String> segments) {

    /** The absolute, '/'-separated rendering used for OUTSIDE results. */
    String render() {
      StringBuilder sb = new StringBuilder();
      switch (kind) {
        case POSIX, RELATIVE -> {
          if (segments.isEmpty()) {
            return "/";
          }
        }
        case DRIVE -> sb.append('/').append(anchor);
        case UNC, DEVICE, HOME -> sb.append(anchor);
      }
      for (String segment : segments) {
        sb.append('/').append(segment);
      }
      return sb.toString();
    }
  }

  /** A lexically resolved path: its absolute form, and its root-relative form if inside. */
  private record Resolved(Kind inputKind, Parsed absolute, @Nullable String inside) {

    NormalizedPath toResult(String raw, boolean fold) {
      return inside != null
          ? NormalizedPath.inside(raw, inside)
          : NormalizedPath.outside(raw, fold(absolute.render(), fold));
    }
  }

  /** Internal control flow for "this path is invalid"; the message is the problem. */
  private static final class Reject extends Exception {
    Reject(String problem) {
      super(problem, null, false, false);
    }
  }

  private static final Pattern SHORT_NAME = Pattern.compile("[^~]{1,6}~[0-9]{1,6}(\\.[^.]{0,3})?");
  private static final Pattern VARIABLE =
      Pattern.compile("\\$[A-Za-z_{(].*|%[A-Za-z_][A-Za-z0-9_()]*%.*");
  private static final List<String> HOME_VARIABLES =
      List.of("$home", "${home}", "%userprofile%", "$env:userprofile", "%home%");
  private static final int MAX_DECODE_ROUNDS = 3;

  private final String workspaceRoot;
  private final Options options;
  private final Parsed root;

  private PathNormalizer(String workspaceRoot, Options options, Parsed root) {
    this.workspaceRoot = workspaceRoot;
    this.options = options;
    this.root = root;
  }

  /**
   * A normalizer for paths relative to {@code workspaceRoot}.
   *
   * @param workspaceRoot an absolute POSIX or Windows path ({@code "/work/repo"},
   *     {@code "C:\\repo"}, {@code "\\\\server\\share\\repo"}); it is normalized like any path
   * @param options how to normalize
   * @throws IllegalArgumentException if the root is not a valid absolute path
   */
  public static PathNormalizer of(String workspaceRoot, Options options) {
    Objects.requireNonNull(workspaceRoot, "workspaceRoot");
    Objects.requireNonNull(options, "options");
    try {
      Parsed parsed = parse(canonicalText(check(workspaceRoot, options, false), options), false);
      if (parsed.kind() != Kind.POSIX && parsed.kind() != Kind.DRIVE && parsed.kind() != Kind.UNC) {
        throw new IllegalArgumentException(
            "workspace root must be an absolute POSIX, drive or UNC path: '" + workspaceRoot + "'");
      }
      Parsed resolved =
          new Parsed(parsed.kind(), parsed.anchor(), resolveDots(parsed.segments(), false));
      return new PathNormalizer(workspaceRoot, options, resolved);
    } catch (Reject e) {
      throw new IllegalArgumentException(
          "invalid workspace root '" + workspaceRoot + "': " + e.getMessage(), e);
    }
  }

  /** The workspace root exactly as given to {@link #of}. */
  public String workspaceRoot() {
    return workspaceRoot;
  }

  /** The options this normalizer applies. */
  public Options options() {
    return options;
  }

  /**
   * Normalizes and classifies one raw path; see the class javadoc for the rules.
   *
   * @param raw the path as the agent supplied it
   * @return the classified path; {@code INVALID} (never an exception) for bad input
   */
  public NormalizedPath normalize(String raw) {
    if (raw == null) {
      return NormalizedPath.invalid("", "null path");
    }
    try {
      String decoded = check(raw, options, options.decodePercent());
      if (decoded.regionMatches(true, 0, "file:", 0, 5)) {
        decoded = check(stripFileUrl(decoded), options, true);
      }
      String text = canonicalText(decoded, options);
      if (options.caseInsensitive()) {
        rejectShortNames(text);
      }
      Resolved lexical = resolveLexically(text);
      if (options.resolveSymlinks() && isHostPath(lexical.inputKind())) {
        return resolvePhysically(raw, decoded, lexical);
      }
      return lexical.toResult(raw, options.caseInsensitive());
    } catch (Reject e) {
      return NormalizedPath.invalid(raw, e.getMessage());
    } catch (RuntimeException e) {
      // Fail closed on anything unforeseen rather than letting an exception escape.
      return NormalizedPath.invalid(raw, "cannot normalize: " + e);
    }
  }

  @Override
  public String toString() {
    return "PathNormalizer[root=" + root.render() + ", " + options + "]";
  }

  // ---------------------------------------------------------------------------------------------
  // Text checks

  /** Length, surrogate and character checks, with optional percent-decoding in between. */
  private static String check(String s, Options options, boolean decode) throws Reject {
    if (s.isEmpty()) {
      throw new Reject("empty path");
    }
    if (s.length() > options.maxLength()) {
      throw new Reject("too long (more than " + options.maxLength() + " chars)");
    }
    checkSurrogates(s);
    String decoded = decode ? percentDecodeRepeatedly(s) : s;
    if (decoded.isEmpty()) {
      throw new Reject("empty path");
    }
    checkCharacters(decoded);
    return decoded;
  }

  /** NFKC, look-alike separators and case folding; rechecks length and characters. */
  private static String canonicalText(String s, Options options) throws Reject {
    if (isAscii(s)) {
      // NFKC leaves ASCII unchanged and no look-alike separator is ASCII: skip both passes.
      return options.caseInsensitive() ? s.toLowerCase(Locale.ROOT) : s;
    }
    String text = Normalizer.normalize(s, Normalizer.Form.NFKC);
    if (text.length() > options.maxLength()) {
      throw new Reject("too long after Unicode normalization");
    }
    checkCharacters(text);
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\u2215', '\u2044', '\u29F8' -> sb.append('/');
        case '\u2216', '\u29F9' -> sb.append('\\');
        default -> sb.append(c);
      }
    }
    text = sb.toString();
    return options.caseInsensitive() ? text.toLowerCase(Locale.ROOT) : text;
  }

  /**
   * On case-insensitive (Windows-like) file systems, a segment that looks like an 8.3 short name
   * ({@code SECRET~1.ENV}) may alias any long name, so it is refused. On other file systems {@code ~}
   * is an ordinary character ({@code HEAD~1} is a git revision, not an alias).
   */
  private static void rejectShortNames(String text) throws Reject {
    if (text.indexOf('~') < 0) {
      return;
    }
    for (String segment : text.replace('\\', '/').split("/")) {
      int colon = segment.indexOf(':');
      String name = colon >= 0 ? segment.substring(0, colon) : segment;
      int end = name.length();
      while (end > 0 && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
        end--; // Windows drops trailing dots and spaces, and so does cleanSegment: SECRET~1.ENV. is SECRET~1.ENV
      }
      name = name.substring(0, end);
      if (name.indexOf('~') > 0 && SHORT_NAME.matcher(name).matches()) {
        throw new Reject("segment '" + segment + "' looks like a Windows 8.3 short name");
      }
    }
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static void checkSurrogates(String s) throws Reject {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new Reject("unpaired surrogate at index " + i);
      }
    }
  }

  private static void checkCharacters(String s) throws Reject {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (cp == 0) {
        throw new Reject("NUL byte");
      }
      int type = Character.getType(cp);
      if (Character.isISOControl(cp)
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        throw new Reject("control character " + codePoint(cp));
      }
      if (type == Character.FORMAT || isInvisibleFiller(cp)) {
        throw new Reject("invisible formatting character " + codePoint(cp));
      }
      i += Character.charCount(cp);
    }
  }

  /** Blank-looking letters and marks that are not category Cf. */
  private static boolean isInvisibleFiller(int cp) {
    return cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
  }

  /** Lower-cases with {@link Locale#ROOT} if {@code fold} (parsing upper-cases drive letters). */
  private static String fold(String s, boolean fold) {
    return fold ? s.toLowerCase(Locale.ROOT) : s;
  }

  private static String codePoint(int cp) {
    return String.format(Locale.ROOT, "U+%04X", cp);
  }

  // ---------------------------------------------------------------------------------------------
  // Percent-decoding and file: URLs

  private static String percentDecodeRepeatedly(String s) throws Reject {
    String current = s;
    for (int round = 0; round < MAX_DECODE_ROUNDS; round++) {
      String next = percentDecodeOnce(current);
      if (next.equals(current)) {
        return current;
      }
      current = next;
    }
    if (!percentDecodeOnce(current).equals(current)) {
      throw new Reject("more than " + MAX_DECODE_ROUNDS + " layers of percent-encoding");
    }
    return current;
  }

  /** One round of decoding; {@code s} has no unpaired surrogates. */
  static String percentDecodeOnce(String s) throws Reject {
    String decoded = PercentEncoding.decodeOnce(s);
    if (decoded == null) {
      throw new Reject("percent-decoding produced invalid UTF-8");
    }
    return decoded;
  }


  /** {@code file:} URL to path; see the class javadoc. */
  private static String stripFileUrl(String url) throws Reject {
    String rest = url.substring("file:".length());
    int end = indexOfAny(rest, "?#");
    if (end >= 0) {
      rest = rest.substring(0, end);
    }
    rest = rest.replace('\\', '/');
    if (rest.startsWith("//")) {
      String afterSlashes = rest.substring(2);
      int slash = afterSlashes.indexOf('/');
      String authority = slash < 0 ? afterSlashes : afterSlashes.substring(0, slash);
      String path = slash < 0 ? "/" : afterSlashes.substring(slash);
      if (authority.isEmpty() || authority.equalsIgnoreCase("localhost")) {
        return path;
      }
      return "\\\\" + authority + path;
    }
    if (rest.startsWith("/")) {
      return rest;
    }
    throw new Reject("file: URL without an absolute path");
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing

  /** Splits canonical text into kind, anchor and cleaned segments (dots unresolved). */
  private static Parsed parse(String text, boolean windowsRoot) throws Reject {
    boolean backslashPrefix =
        text.length() >= 2 && (text.charAt(0) == '\\' || text.charAt(1) == '\\');
    String s = text.replace('\\', '/');
    boolean windowsShaped = backslashPrefix || windowsRoot;
    if (windowsShaped && (s.startsWith("//?/") || s.startsWith("//./") || s.startsWith("/??/"))) {
      String body = s.substring(4);
      if (isDriveAbsolute(body, 0)) {
        return drive(body);
      }
      if (body.regionMatches(true, 0, "UNC/", 0, 4)) {
        return unc(body.substring(4));
      }
      return new Parsed(Kind.DEVICE, s.startsWith("//.") ? "//." : "//?", segments(body));
    }
    if (s.startsWith("//") && windowsShaped) {
      return unc(s);
    }
    if (s.length() >= 2 && isDriveLetter(s.charAt(0)) && s.charAt(1) == ':') {
      if (!isDriveAbsolute(s, 0)) {
        throw new Reject("drive-relative path");
      }
      return drive(s);
    }
    if (s.startsWith("/") && isDriveAbsolute(s, 1)) {
      return drive(s.substring(1));
    }
    if (s.startsWith("/")) {
      return new Parsed(Kind.POSIX, "", segments(s));
    }
    return relativeOrHome(s);
  }

  private static Parsed relativeOrHome(String s) throws Reject {
    int slash = s.indexOf('/');
    String first = slash < 0 ? s : s.substring(0, slash);
    String rest = slash < 0 ? "" : s.substring(slash);
    if (HOME_VARIABLES.contains(first.toLowerCase(Locale.ROOT))) {
      return new Parsed(Kind.HOME, "~", segments(rest));
    }
    if (first.startsWith("~")) {
      String user = first.substring(1);
      String anchor = user.isEmpty() ? "~" : "~" + cleanSegment(user);
      if (anchor.equals("~.") || anchor.equals("~..")) {
        throw new Reject("invalid home directory '" + first + "'");
      }
      return new Parsed(Kind.HOME, anchor, segments(rest));
    }
    return new Parsed(Kind.RELATIVE, "", segments(s));
  }

  private static boolean isDriveLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** Whether {@code s} has "X:" at {@code at}, followed by '/' or the end. */
  private static boolean isDriveAbsolute(String s, int at) {
    return s.length() >= at + 2
        && isDriveLetter(s.charAt(at))
        && s.charAt(at + 1) == ':'
        && (s.length() == at + 2 || s.charAt(at + 2) == '/');
  }

  private static Parsed drive(String s) throws Reject {
    String anchor = Character.toUpperCase(s.charAt(0)) + ":";
    return new Parsed(Kind.DRIVE, anchor, segments(s.substring(2)));
  }

  private static Parsed unc(String s) throws Reject {
    List<String> segs = segments(s);
    if (segs.isEmpty()) {
      throw new Reject("UNC path without a server name");
    }
    for (int i = 0; i < Math.min(2, segs.size()); i++) {
      if (segs.get(i).equals(".") || segs.get(i).equals("..")) {
        throw new Reject("UNC path with '" + segs.get(i) + "' as server or share name");
      }
    }
    int anchorSize = Math.min(2, segs.size());
    String anchor = "//" + String.join("/", segs.subList(0, anchorSize));
    return new Parsed(Kind.UNC, anchor, List.copyOf(segs.subList(anchorSize, segs.size())));
  }

  /** Splits on '/', dropping empty segments, and cleans every segment. */
  private static List<String> segments(String s) throws Reject {
    List<String> out = new ArrayList<>();
    for (String segment : s.split("/", -1)) {
      if (!segment.isEmpty()) {
        out.add(cleanSegment(segment));
      }
    }
    return out;
  }

  private static String cleanSegment(String segment) throws Reject {
    if (segment.equals(".") || segment.equals("..")) {
      return segment;
    }
    char first = segment.charAt(0);
    if ((first == '$' || first == '%') && VARIABLE.matcher(segment).matches()) {
      throw new Reject("segment '" + segment + "' looks like an unexpanded variable");
    }
    String s = segment;
    int colon = s.indexOf(':');
    if (colon >= 0) {
      s = s.substring(0, colon); // NTFS alternate data stream: "name:stream:type"
    }
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) {
      end--;
    }
    s = s.substring(0, end);
    if (s.isEmpty()) {
      throw new Reject(
          "segment '" + segment + "' is empty once its stream name, trailing dots and spaces are"
              + " removed");
    }
    return s;
  }

  /** Resolves "." and ".." lexically; ".." at the anchor stays there unless {@code strict}. */
  private static List<String> resolveDots(List<String> segments, boolean strict) throws Reject {
    List<String> out = new ArrayList<>(segments.size());
    for (String segment : segments) {
      if (segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        } else if (strict) {
          throw new Reject("'..' climbs above the home directory");
        }
        continue;
      }
      out.add(segment);
    }
    return List.copyOf(out);
  }

  // ---------------------------------------------------------------------------------------------
  // Resolution

  private Resolved resolveLexically(String text) throws Reject {
    Parsed parsed = parse(text, root.kind() != Kind.POSIX);
    Parsed absolute;
    if (parsed.kind() == Kind.RELATIVE) {
      List<String> joined = new ArrayList<>(root.segments());
      joined.addAll(parsed.segments());
      absolute = new Parsed(root.kind(), root.anchor(), resolveDots(joined, false));
    } else {
      boolean strict = parsed.kind() == Kind.HOME;
      absolute = new Parsed(parsed.kind(), parsed.anchor(), resolveDots(parsed.segments(), strict));
    }
    return new Resolved(parsed.kind(), absolute, relativeToRoot(absolute));
  }

  private @Nullable String relativeToRoot(Parsed path) {
    boolean sameAnchor =
        path.kind() == root.kind()
            && (path.kind() == Kind.POSIX
                ? path.anchor().equals(root.anchor())
                : path.anchor().equalsIgnoreCase(root.anchor()));
    List<String> rootSegments = root.segments();
    if (!sameAnchor
        || path.segments().size() < rootSegments.size()
        || !path.segments().subList(0, rootSegments.size()).equals(rootSegments)) {
      return null;
    }
    return String.join("/", path.segments().subList(rootSegments.size(), path.segments().size()));
  }

  /** Whether paths of this input kind mean something to this machine's filesystem. */
  private boolean isHostPath(Kind inputKind) {
    if (File.separatorChar == '/') {
      return root.kind() == Kind.POSIX && (inputKind == Kind.RELATIVE || inputKind == Kind.POSIX);
    }
    return root.kind() != Kind.POSIX
        && (inputKind == Kind.RELATIVE || inputKind == Kind.DRIVE || inputKind == Kind.UNC);
  }

  private NormalizedPath resolvePhysically(String raw, String decoded, Resolved lexical)
      throws Reject {
    Path rootPath;
    try {
      rootPath = Path.of(workspaceRoot);
    } catch (InvalidPathException e) {
      return lexical.toResult(raw, options.caseInsensitive());
    }
    if (!rootPath.isAbsolute() || !Files.isDirectory(rootPath)) {
      return lexical.toResult(raw, options.caseInsensitive());
    }
    Path real;
    Path realRoot;
    try {
      realRoot = rootPath.toRealPath();
      real = walk(rootPath.resolve(decoded));
    } catch (IOException | InvalidPathException | SecurityException e) {
      return NormalizedPath.invalid(raw, "cannot resolve: " + e);
    }
    if (real.startsWith(realRoot)) {
      if (lexical.inside() == null) {
        return lexical.toResult(raw, options.caseInsensitive());
      }
      String relative = realRoot.relativize(real).toString();
      Resolved physical =
          resolveLexically(canonicalText(relative.isEmpty() ? "." : relative, options));
      return physical.toResult(raw, options.caseInsensitive());
    }
    Resolved physical = resolveLexically(canonicalText(real.toString(), options));
    return NormalizedPath.outside(
        raw, fold(physical.absolute().render(), options.caseInsensitive()));
  }

  /**
   * Walks {@code target} from its filesystem root, replacing every existing component by its real
   * path before the next component is applied, so ".." after a link leaves the link's target.
   */
  private static Path walk(Path target) throws IOException {
    Path root = target.getRoot();
    if (root == null) {
      throw new IOException("not an absolute path: " + target);
    }
    Path current = root;
    for (Path name : target) {
      String n = name.toString();
      if (n.equals(".")) {
        continue;
      }
      if (n.equals("..")) {
        Path parent = current.getParent();
        current = parent == null ? current : parent;
        continue;
      }
      Path next = current.resolve(n);
      current = Files.exists(next, LinkOption.NOFOLLOW_LINKS) ? next.toRealPath() : next;
    }
    return current;
  }
}
