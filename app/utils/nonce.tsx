// The Content-Security-Policy nonce of the page being rendered (made per request in
// app/server/app.js). Only the server render has it: the browser hides nonces from scripts, and
// the inline scripts that need it run once, from the server's HTML.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = () => useContext(NonceContext);
