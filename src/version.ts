export const VERSION: string = __GIT_BOB_VERSION__
export const HOMEPAGE: string = __GIT_BOB_HOMEPAGE__
export const LIMITATIONS_URL = `${HOMEPAGE}#limitations`
export const SECURITY_URL = `${HOMEPAGE}/blob/main/docs/security.md`
