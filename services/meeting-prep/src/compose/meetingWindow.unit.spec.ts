import { meetingWindow, parseInstant } from './meetingWindow';

describe('meeting window', () => {
  it('spans whole UTC days, the meeting day included, half-open', () => {
    const window = meetingWindow('2025-06-15', { daysBefore: 30, daysAfter: 30 });
    expect(new Date(window.fromMs).toISOString()).toBe('2025-05-16T00:00:00.000Z');
    expect(new Date(window.toMs).toISOString()).toBe('2025-07-16T00:00:00.000Z');
    const sameDay = meetingWindow('2025-06-15', { daysBefore: 0, daysAfter: 0 });
    expect(sameDay.toMs - sameDay.fromMs).toBe(86_400_000);
  });

  it.each([['2025-02-30'], ['15/06/2025'], ['2025-6-1'], ['']])('refuses the meeting date %p', (meetingDate) => {
    expect(() => meetingWindow(meetingDate, { daysBefore: 1, daysAfter: 1 })).toThrow(
      expect.objectContaining({
        code: 'MEETING_PREP.INVALID_FIELD',
        details: expect.objectContaining({ field: 'meetingDate' }),
      }),
    );
  });

  it('refuses a negative or fractional window', () => {
    expect(() => meetingWindow('2025-06-15', { daysBefore: -1, daysAfter: 1 })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'options.window.daysBefore' }) }),
    );
    expect(() => meetingWindow('2025-06-15', { daysBefore: 1, daysAfter: 0.5 })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'options.window.daysAfter' }) }),
    );
  });

  it('reads instants only with a time zone', () => {
    expect(parseInstant('2025-06-10T12:30:00+02:00', 'f')).toBe(Date.parse('2025-06-10T10:30:00Z'));
    expect(() => parseInstant('2025-06-10T12:30:00', 'f')).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'f' }) }),
    );
  });
});
