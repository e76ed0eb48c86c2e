import type { Clock } from '../retentionTypes';

/** A clock tests move forward by years, as retention needs. */
export class MovableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advanceMonths(months: number): void {
    this.offsetMs += months * 31 * 24 * 3600 * 1000;
  }
}
