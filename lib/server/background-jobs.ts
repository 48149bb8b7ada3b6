/** Starts the periodic jobs of this process (added as the pipeline lands). */
export async function startBackgroundJobs(): Promise<void> {}
