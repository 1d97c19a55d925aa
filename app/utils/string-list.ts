/**
 * A list of strings stored as a JSON text column (an activity question's options, a contest's
 * categories). Plain (no .server): pages read it too. Anything that is not a JSON array is empty.
 */
export function parseStringList(json: string): string[] {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}
