/**
 * The `x-amz-date` of a signed request (`YYYYMMDDTHHMMSSZ`): its time, and the text the SDK's signer signs with.
 */

/** `YYYYMMDDTHHMMSSZ`. */
export const AMZ_DATE = /^\d{8}T\d{6}Z$/;

/**
 * The time of an `x-amz-date`, and the date the SDK signs with: the one it parsed, printed again (the same text for
 * any real date; `20260230T...` becomes March 2nd). Requests of the same second share the last answer.
 */
let lastDate = { amzDate: '', time: 0, text: '' };

/**
 * The time (ms since the epoch) and the re-printed text of an `x-amz-date` already matched by {@link AMZ_DATE}.
 *
 * @example
 * signingDateOf('20260101T000000Z'); // { time: 1767225600000, text: '20260101T000000Z', ... }
 */
export function signingDateOf(amzDate: string): { readonly time: number; readonly text: string } {
  if (lastDate.amzDate !== amzDate) {
    const time = Date.UTC(
      Number(amzDate.slice(0, 4)),
      Number(amzDate.slice(4, 6)) - 1,
      Number(amzDate.slice(6, 8)),
      Number(amzDate.slice(9, 11)),
      Number(amzDate.slice(11, 13)),
      Number(amzDate.slice(13, 15)),
    );
    lastDate = { amzDate, time, text: formatAmzDate(new Date(time)) };
  }
  return lastDate;
}

/**
 * A date as `x-amz-date` text.
 *
 * @example
 * formatAmzDate(new Date(0)); // '19700101T000000Z'
 */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
