// Additional authenticated data binds each ciphertext to its row and purpose: a sealed
// value copied into another account's row (or column) fails to decrypt.
export const credentialsAad = (accountId: string) => `account:${accountId}:credentials`;
export const webhookSecretAad = (accountId: string) => `account:${accountId}:webhook_secret`;
export const deviceSecretAad = (accountId: string) => `account:${accountId}:ea_device`;
