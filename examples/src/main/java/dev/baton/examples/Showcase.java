package dev.baton.examples;

/** Runs the examples offline and prints their timelines. */
public final class Showcase {
  private Showcase() {}

  /**
   * Runs every example, or the one named.
   *
   * @param args {@code all} or an example name
   */
  public static void main(String[] args) {
    System.out.println("Baton showcase: examples arrive with the examples module.");
  }
}
