package dev.agentlane.core.promotion;

/**
 * The Wilson score interval for a proportion: {@code k} successes in {@code n} trials at a two-sided
 * confidence level. Unlike the observed rate, it widens for small samples, so 3 of 3 (lower bound
 * 0.44 at 95 %) is weaker evidence than 95 of 100 (0.89).
 *
 * <p>Immutable. With no trials the interval is [0, 1].
 *
 * @param lower the lower bound, in [0, 1]
 * @param upper the upper bound, in [0, 1]
 */
public record WilsonInterval(double lower, double upper) {
  private static final WilsonInterval UNKNOWN = new WilsonInterval(0.0, 1.0);

  /**
   * Checks that {@code 0 <= lower <= upper <= 1}.
   *
   * @throws IllegalArgumentException otherwise
   */
  public WilsonInterval {
    if (!(lower >= 0.0 && lower <= upper && upper <= 1.0)) {
      throw new IllegalArgumentException("a Wilson interval needs 0 <= lower <= upper <= 1 but was [" + lower + ", "
          + upper + "]");
    }
  }

  /**
   * The interval for {@code successes} of {@code trials} at {@code confidence} (such as 0.95).
   * Successes above the trials count as all trials.
   *
   * @throws IllegalArgumentException if a count is negative or the confidence is not in (0, 1)
   */
  public static WilsonInterval of(long successes, long trials, double confidence) {
    return ofZ(successes, trials, z(confidence));
  }

  /**
   * The interval for {@code successes} of {@code trials} at the normal quantile {@code z}.
   *
   * @throws IllegalArgumentException if a count or {@code z} is negative
   */
  public static WilsonInterval ofZ(long successes, long trials, double z) {
    if (successes < 0 || trials < 0) {
      throw new IllegalArgumentException("successes and trials must be >= 0 but were " + successes + " and " + trials);
    }
    if (!(z >= 0.0) || Double.isInfinite(z)) {
      throw new IllegalArgumentException("z must be a finite number >= 0 but was " + z);
    }
    if (trials == 0) {
      return UNKNOWN;
    }
    double n = trials;
    double p = Math.min(successes, trials) / n;
    double z2 = z * z;
    double denominator = 1.0 + z2 / n;
    double centre = p + z2 / (2.0 * n);
    double margin = z * Math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
    double lower = Math.max(0.0, (centre - margin) / denominator);
    double upper = Math.min(1.0, (centre + margin) / denominator);
    if (successes >= trials) {
      upper = 1.0;
    }
    if (successes == 0) {
      lower = 0.0;
    }
    return new WilsonInterval(Math.min(lower, upper), upper);
  }

  /**
   * The standard normal quantile for a two-sided confidence level: 1.96 for 0.95, 2.576 for 0.99.
   * Acklam's rational approximation (relative error below 1.2e-9).
   *
   * @throws IllegalArgumentException if the confidence is not strictly between 0 and 1
   */
  public static double z(double confidence) {
    if (!(confidence > 0.0 && confidence < 1.0)) {
      throw new IllegalArgumentException("confidence must be > 0 and < 1 but was " + confidence);
    }
    return inverseNormal(1.0 - (1.0 - confidence) / 2.0);
  }

  private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01};
  private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00};

  private static double inverseNormal(double p) {
    double low = 0.02425;
    if (p < low) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
          / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }
    if (p > 1 - low) {
      double q = Math.sqrt(-2 * Math.log(1 - p));
      return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
          / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
        / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }
}
