/**
 * Times in words, as the session list shows them.
 * @module
 */

const MINUTE_MILLIS = 60_000;
const HOUR_MILLIS = 60 * MINUTE_MILLIS;
const DAY_MILLIS = 24 * HOUR_MILLIS;

/** "Active now" within five minutes, then "3 minutes ago", "3 hours ago", "2 days ago", a date. */
export function describeActivity(lastActiveMillis: number, nowMillis: number): string {
  const elapsed = Math.max(0, nowMillis - lastActiveMillis);
  if (elapsed < 5 * MINUTE_MILLIS) return 'Active now';
  if (elapsed < HOUR_MILLIS) return `${Math.floor(elapsed / MINUTE_MILLIS)} minutes ago`;
  if (elapsed < DAY_MILLIS) return plural(Math.floor(elapsed / HOUR_MILLIS), 'hour') + ' ago';
  if (elapsed < 7 * DAY_MILLIS) return plural(Math.floor(elapsed / DAY_MILLIS), 'day') + ' ago';
  return formatDate(lastActiveMillis);
}

/** "12 Mar 2026", in UTC; pages with script show it in the viewer's own zone. */
export function formatDate(millis: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(millis);
}

/** "12 Mar 2026, 14:02 UTC". */
export function formatDateTime(millis: number): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(millis);
  return `${formatDate(millis)}, ${time} UTC`;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
