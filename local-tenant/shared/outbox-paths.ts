// Where the outbox lives on the tenant's plain-HTTP listener: the outbox service serves these
// paths, the env file's OUTBOX_URL names the JSON one, and the demo app links to the page.
export const OUTBOX_PAGE_PATH = '/outbox';
export const OUTBOX_JSON_PATH = '/outbox.json';
