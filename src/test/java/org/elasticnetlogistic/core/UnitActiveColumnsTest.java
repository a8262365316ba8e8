package org.elasticnetlogistic.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The active set keeps its columns once each, in joining order, across solves. */
class UnitActiveColumnsTest {

  @Test
  void columnsJoinOnceInOrderBeyondTheFirstCapacity() {
    ActiveColumns set = new ActiveColumns(40);
    set.start(new int[] {7, 3});
    int[] joining = {3, 20, 7, 1, 20, 9, 11, 12, 13, 14, 15, 16, 1, 17};
    for (int j : joining) {
      set.add(j);
    }
    int[] expected = {7, 3, 20, 1, 9, 11, 12, 13, 14, 15, 16, 17};
    assertEquals(expected.length, set.count());
    assertArrayEquals(expected, Arrays.copyOf(set.columns(), set.count()));
    assertArrayEquals(expected, set.finish());
    assertEquals(0, set.count());
  }

  @Test
  void finishLetsTheNextSolveStartAfresh() {
    ActiveColumns set = new ActiveColumns(10);
    set.start(new int[] {4, 5});
    set.add(6);
    set.finish();
    // the earlier members are no longer marked: they can join again
    set.start(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    set.add(0);
    set.add(5);
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 0}, set.finish());
    set.start(new int[0]);
    set.add(6);
    set.add(6);
    assertArrayEquals(new int[] {6}, set.finish());
  }
}
