package io.trestle.node.loadgen;

import java.util.Arrays;

/**
 * How committed throughput came back after a node was killed, from the per-second counts of the measured phase.
 * Second {@code s} counts the transactions first seen committed in {@code [s, s+1)} seconds after the first send.
 * The reference is the median of the whole seconds before the kill, leaving out the first {@link #RAMP_S} (the
 * first block of the run is not yet committed then). With one block a second, a single second holds zero, one or
 * two blocks, so besides the first second back at 90 % of the reference the run also reports from which second on
 * every 3-second window stays there.
 *
 * @param killedAtS when the kill signal was sent, seconds after the first send
 * @param preKillMedianPerS median committed transactions per second before the kill
 * @param recoveredAfterS from the kill to the end of the first second back at 90 % of the median after the first
 *     second below it (0 when no second after the kill fell below it; -1 when none came back)
 * @param stableAfterS from the kill to the start of the first 3-second window from which every following window
 *     (up to the end of submission) averages at least 90 % of the median; -1 when there is none
 */
public record Recovery(long pid, double killedAtS, double preKillMedianPerS, double recoveredAfterS,
    double stableAfterS) {
  static final int RAMP_S = 2;
  static final double FRACTION = 0.9;
  static final int WINDOW_S = 3;

  /**
   * @param committedPerSecond committed transactions in each second after the first send
   * @param killedAtS when the kill happened, in seconds after the first send
   * @param loadedSeconds seconds of submission (later seconds only drain and are not judged)
   */
  static Recovery of(long pid, long[] committedPerSecond, double killedAtS, int loadedSeconds) {
    int killSecond = (int) Math.floor(killedAtS);
    int from = killSecond - RAMP_S >= 3 ? RAMP_S : 0;
    long[] before = Arrays.copyOfRange(committedPerSecond, Math.min(from, committedPerSecond.length),
        Math.min(killSecond, committedPerSecond.length));
    if (before.length == 0) {
      return new Recovery(pid, killedAtS, 0, -1, -1);
    }
    Arrays.sort(before);
    double median = before.length % 2 == 1 ? before[before.length / 2]
        : (before[before.length / 2 - 1] + before[before.length / 2]) / 2.0;
    double threshold = FRACTION * median;
    int end = Math.min(loadedSeconds, committedPerSecond.length);
    int dip = -1;
    for (int s = killSecond; s < end && dip < 0; s++) {
      if (committedPerSecond[s] < threshold) {
        dip = s;
      }
    }
    double recovered = dip < 0 ? 0 : -1;
    for (int s = dip + 1; dip >= 0 && s < committedPerSecond.length; s++) {
      if (committedPerSecond[s] >= threshold) {
        recovered = s + 1 - killedAtS;
        break;
      }
    }
    double stable = -1;
    for (int s = end - WINDOW_S; s >= killSecond; s--) {
      long sum = 0;
      for (int k = s; k < s + WINDOW_S; k++) {
        sum += committedPerSecond[k];
      }
      if (sum < threshold * WINDOW_S) {
        break;
      }
      stable = Math.max(0, s - killedAtS);
    }
    return new Recovery(pid, killedAtS, median, recovered, stable);
  }
}
