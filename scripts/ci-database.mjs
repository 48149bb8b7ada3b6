// Creates, drops or prints the URL of a database on a Postgres server (CI's fresh test database).
import pg from "pg";

const [action, serverUrl, name] = process.argv.slice(2);
if (!action || !serverUrl || !name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: node scripts/ci-database.mjs create|drop|url <server-url> <database_name>");
  process.exit(2);
}
const url = new URL(serverUrl);
if (action === "url") {
  url.pathname = `/${name}`;
  console.log(url.toString());
  process.exit(0);
}
const client = new pg.Client({ connectionString: serverUrl });
await client.connect();
if (action === "create") await client.query(`create database ${name}`);
else if (action === "drop") await client.query(`drop database if exists ${name} with (force)`);
await client.end();
