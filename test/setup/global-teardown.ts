/** Drops the run's database (or stops the embedded one). */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__testDatabase?.drop();
}
