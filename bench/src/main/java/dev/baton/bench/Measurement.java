package dev.baton.bench;

import java.util.Locale;

/**
 * One figure a workload measured, with what it is compared to.
 *
 * @param workload the workload's name, e.g. {@code step}
 * @param metric what was measured, e.g. {@code overhead_median}
 * @param value the figure
 * @param unit its unit: {@code us}, {@code ms}, {@code runs/s}, {@code threads}, {@code bytes}, ...
 * @param baseline the same figure without Baton, formatted, or {@code -} if there is none
 * @param budget the budget of DESIGN section 11 this figure is held to, or null
 */
public record Measurement(String workload, String metric, double value, String unit,
    String baseline, Budget budget) {

  /** A figure without a budget. */
  public static Measurement of(String workload, String metric, double value, String unit,
      String baseline) {
    return new Measurement(workload, metric, value, unit, baseline, null);
  }

  /** A figure held to a budget. */
  public static Measurement budgeted(String workload, String metric, double value, String unit,
      String baseline, Budget budget) {
    return new Measurement(workload, metric, value, unit, baseline, budget);
  }

  /** {@code ok} or {@code MISSED} against the budget; empty without one. */
  public String verdict() {
    return budget == null ? "" : budget.holds(value) ? "ok" : "MISSED";
  }

  /** The machine-readable line: {@code workload=... metric=... value=... unit=... baseline=...}. */
  public String line() {
    String s = "workload=" + workload + " metric=" + metric + " value=" + format(value)
        + " unit=" + unit + " baseline=" + baseline;
    if (budget != null) {
      s += " budget=" + budget + " verdict=" + verdict();
    }
    return s;
  }

  /** A figure with as many digits as it deserves. */
  public static String format(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    double a = Math.abs(v);
    String pattern = a >= 100 || v == Math.rint(v) ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, v);
  }

  /**
   * A limit a figure must stay under ({@code <=}) or over ({@code >=}).
   *
   * @param atMost whether the figure must be at most the limit (else at least)
   * @param limit the limit, in the figure's unit
   */
  public record Budget(boolean atMost, double limit) {
    /** At most {@code limit}. */
    public static Budget atMost(double limit) {
      return new Budget(true, limit);
    }

    /** At least {@code limit}. */
    public static Budget atLeast(double limit) {
      return new Budget(false, limit);
    }

    boolean holds(double value) {
      return atMost ? value <= limit : value >= limit;
    }

    @Override
    public String toString() {
      return (atMost ? "<=" : ">=") + format(limit);
    }
  }
}
