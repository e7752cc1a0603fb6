// The staff dashboard. Sign-in talks to the Cognito user pool's JSON API directly (no SDK): password,
// then a new password and authenticator enrolment on the first sign-in, then the TOTP code. Tokens
// live in memory only: a reload or 10 idle minutes sign the person out.
"use strict";

(() => {
  const { config, api, el, say, when } = SafeBook;
  const IDLE_MS = 10 * 60 * 1000;
  const session = { username: null, challenge: null, tokens: null, claims: null };
  let idleTimer = null;
  let auditNext = null;

  async function cognito(action, body) {
    const cfg = await config();
    const response = await fetch(cfg.cognitoEndpoint, {
      method: "POST",
      credentials: "omit",
      cache: "no-store",
      headers: {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService." + action,
      },
      body: JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      const type = String(json.__type || "").split("#").pop();
      const error = new Error(signInMessage(type, json.message));
      error.type = type;
      throw error;
    }
    return json;
  }

  function signInMessage(type, message) {
    switch (type) {
      case "NotAuthorizedException": return "The user name or password is wrong, or the account is locked for a while.";
      case "CodeMismatchException": return "That code is not right. Wait for the next code and try again.";
      case "ExpiredCodeException": return "That code has been used or has expired. Wait for the next code.";
      case "InvalidPasswordException": return message || "The password does not meet the policy.";
      case "EnableSoftwareTokenMFAException": return "That code is not right. Check the app's clock and try again.";
      default: return message || "Sign-in failed.";
    }
  }

  function show(formId) {
    for (const id of ["signin-form", "new-password-form", "mfa-setup-form", "mfa-form"]) {
      document.getElementById(id).hidden = id !== formId;
    }
    if (formId) {
      const first = document.querySelector("#" + formId + " input");
      if (first) first.focus();
    }
  }

  async function next(result) {
    session.challenge = result.Session;
    switch (result.ChallengeName) {
      case "NEW_PASSWORD_REQUIRED":
        show("new-password-form");
        return;
      case "MFA_SETUP": {
        const associated = await cognito("AssociateSoftwareToken", { Session: result.Session });
        session.challenge = associated.Session;
        document.getElementById("totp-secret").textContent = associated.SecretCode;
        document.getElementById("totp-uri").textContent = "otpauth://totp/" +
          encodeURIComponent("SafeBook:" + session.username) + "?secret=" + associated.SecretCode +
          "&issuer=SafeBook&algorithm=SHA1&digits=6&period=30";
        show("mfa-setup-form");
        return;
      }
      case "SOFTWARE_TOKEN_MFA":
        show("mfa-form");
        return;
      case undefined:
        if (result.AuthenticationResult) {
          signedIn(result.AuthenticationResult);
          return;
        }
        throw new Error("Sign-in failed.");
      default:
        throw new Error("This sign-in step (" + result.ChallengeName + ") is not supported here.");
    }
  }

  function form(id, handler) {
    document.getElementById(id).addEventListener("submit", async (event) => {
      event.preventDefault();
      say("error", "");
      const button = event.target.querySelector("button[type=submit]");
      button.disabled = true;
      try {
        await handler();
      } catch (e) {
        say("error", e.message);
        if (e.type === "NotAuthorizedException" && id !== "signin-form") show("signin-form");
      } finally {
        button.disabled = false;
      }
    });
  }

  function value(id) {
    return document.getElementById(id).value.trim();
  }

  function respond(name, responses) {
    return config().then((cfg) => cognito("RespondToAuthChallenge", {
      ChallengeName: name,
      ClientId: cfg.userPoolClientId,
      Session: session.challenge,
      ChallengeResponses: { USERNAME: session.username, ...responses },
    }));
  }

  function decodeClaims(jwt) {
    const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function signedIn(result) {
    session.tokens = result;
    session.claims = decodeClaims(result.IdToken);
    const groups = session.claims["cognito:groups"] || [];
    const list = Array.isArray(groups) ? groups : String(groups).split(",");
    document.getElementById("password").value = "";
    document.getElementById("new-password").value = "";
    show(null);
    document.getElementById("who-name").textContent = "Signed in as " + (session.claims["cognito:username"] || session.username);
    document.getElementById("who-groups").textContent = "(" + (list.join(", ") || "no group") + ")";
    document.getElementById("who").hidden = false;
    document.getElementById("bookings-section").hidden = !(list.includes("staff") || list.includes("admin"));
    document.getElementById("erasure-section").hidden = !list.includes("admin");
    document.getElementById("audit-section").hidden = !list.includes("auditor");
    document.getElementById("app").hidden = false;
    const today = new Date().toISOString().substring(0, 10);
    document.getElementById("day").value = document.getElementById("day").value || today;
    document.getElementById("audit-day").value = document.getElementById("audit-day").value || today;
    say("status", "Signed in.");
    activity();
  }

  async function signOut(reason) {
    const tokens = session.tokens;
    session.tokens = null;
    session.claims = null;
    clearTimeout(idleTimer);
    document.getElementById("app").hidden = true;
    document.getElementById("who").hidden = true;
    for (const table of ["bookings", "audit-records"]) {
      document.querySelector("#" + table + " tbody").replaceChildren();
    }
    document.getElementById("booking-detail").hidden = true;
    show("signin-form");
    say("status", reason);
    if (tokens) {
      // Ends every session of this user's tokens; the local stand-in then refuses them at once.
      await cognito("GlobalSignOut", { AccessToken: tokens.AccessToken }).catch(() => undefined);
    }
  }

  function activity() {
    if (!session.tokens) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => signOut("You were signed out after 10 minutes without activity."), IDLE_MS);
  }

  function staffApi(path, options = {}) {
    return api(path, { ...options, headers: { Authorization: "Bearer " + session.tokens.IdToken } }).catch((e) => {
      if (e.status === 401) {
        signOut("Your sign-in has expired. Please sign in again.");
      }
      throw e;
    });
  }

  async function loadDay() {
    const { bookings, truncated } = await staffApi("/staff/bookings?date=" + encodeURIComponent(value("day")));
    const body = document.querySelector("#bookings tbody");
    body.replaceChildren(...bookings.map((b) => {
      const open = el("button", { type: "button", class: "secondary", "data-booking-id": b.bookingId, text: "Open" });
      open.setAttribute("aria-label", "Open the booking at " + when(b.start));
      open.addEventListener("click", () => openBooking(b.bookingId).catch((e) => say("error", e.message)));
      return el("tr", {}, el("td", { text: when(b.start) }), el("td", { text: b.serviceId }),
        el("td", { text: b.customer ? b.customer.name : "" }), el("td", { text: b.status }), el("td", {}, open));
    }));
    say("status", bookings.length + " booking(s) on " + value("day") + (truncated ? " (only the first 200 shown)" : "") +
      ". This view has been recorded in the audit trail.");
  }

  let openId = null;

  async function openBooking(id) {
    const b = await staffApi("/staff/bookings/" + encodeURIComponent(id));
    openId = id;
    const set = (field, text) => { document.getElementById("detail-" + field).textContent = text || "—"; };
    set("status", b.status);
    set("when", when(b.start) + "–" + b.end.substring(11, 16));
    set("service", b.serviceId);
    set("name", b.customer && b.customer.name);
    set("email", b.customer && b.customer.email);
    set("phone", b.customer && b.customer.phone);
    set("notes", b.notes);
    document.getElementById("detail-cancel").hidden = b.status !== "CONFIRMED";
    const detail = document.getElementById("booking-detail");
    detail.hidden = false;
    detail.focus();
  }

  async function cancelOpen() {
    await staffApi("/staff/bookings/" + encodeURIComponent(openId) + "/cancel", { method: "POST" });
    say("status", "The booking is cancelled; the time is free again.");
    await openBooking(openId);
    await loadDay();
  }

  async function erasePerson() {
    if (!document.getElementById("erase-confirm").checked) {
      say("error", "Please confirm the check first.");
      return;
    }
    const receipt = await staffApi("/staff/erasures", { method: "POST", body: { email: value("erase-email") } });
    document.getElementById("erase-form").reset();
    say("erase-result", "Erased (receipt " + receipt.erasureId + "): " + receipt.removed.bookings + " booking(s), " +
      receipt.cancelledBookings + " cancelled.");
  }

  function auditRange() {
    const from = new Date(value("audit-day") + "T00:00:00Z");
    return { from: from.toISOString(), to: new Date(from.getTime() + 86400000).toISOString() };
  }

  async function loadAudit(more) {
    const { from, to } = auditRange();
    let path = "/staff/audit?from=" + encodeURIComponent(from) + "&to=" + encodeURIComponent(to);
    if (more && auditNext) path += "&next=" + encodeURIComponent(auditNext);
    const page = await staffApi(path);
    const body = document.querySelector("#audit-records tbody");
    if (!more) body.replaceChildren();
    for (const r of page.records) {
      const record = JSON.parse(r.record);
      const who = record.userIdentity ? (record.userIdentity.type + " " + (record.userIdentity.principalId || "")) : "";
      const what = (record.resources || []).map((x) => x.ARN || x.arn || JSON.stringify(x)).join(" ");
      body.append(el("tr", { "data-event-name": record.eventName }, el("td", { text: r.eventTime }),
        el("td", { text: record.eventName }), el("td", { text: who }), el("td", {}, el("code", { text: what }))));
    }
    auditNext = page.nextToken || null;
    document.getElementById("audit-more").hidden = !auditNext;
    say("status", body.children.length + " audit record(s) shown.");
  }

  async function sealAudit() {
    const { digests } = await staffApi("/staff/audit/digests", { method: "POST" });
    say("audit-verify-result", digests.length === 0 ? "Nothing new to seal: a record is sealed once it is 30 seconds old." :
      "Sealed " + digests.reduce((n, d) => n + d.records, 0) + " record(s) in " + digests.length + " signed digest(s).");
  }

  async function verifyAudit() {
    const { from, to } = auditRange();
    const result = await staffApi("/staff/audit/verify?from=" + encodeURIComponent(from) + "&to=" + encodeURIComponent(to));
    const findings = (result.findings || []).map((f) => typeof f === "string" ? f : JSON.stringify(f));
    say("audit-verify-result", result.valid
      ? "Verified: every record of the day is in a signed digest, and the chain is unbroken."
      : "NOT verified: " + (findings.join("; ") || "see the findings"));
  }

  function guarded(fn) {
    return (event) => {
      if (event) event.preventDefault();
      say("error", "");
      fn().catch((e) => say("error", e.message));
    };
  }

  document.addEventListener("DOMContentLoaded", () => {
    form("signin-form", async () => {
      const cfg = await config();
      session.username = value("username");
      await next(await cognito("InitiateAuth", {
        AuthFlow: "USER_PASSWORD_AUTH",
        ClientId: cfg.userPoolClientId,
        AuthParameters: { USERNAME: session.username, PASSWORD: document.getElementById("password").value },
      }));
    });
    form("new-password-form", async () => {
      await next(await respond("NEW_PASSWORD_REQUIRED", { NEW_PASSWORD: document.getElementById("new-password").value }));
    });
    form("mfa-setup-form", async () => {
      const verified = await cognito("VerifySoftwareToken", {
        Session: session.challenge, UserCode: value("setup-code"), FriendlyDeviceName: "SafeBook dashboard",
      });
      session.challenge = verified.Session;
      document.getElementById("setup-code").value = "";
      await next(await respond("MFA_SETUP", {}));
    });
    form("mfa-form", async () => {
      const code = value("totp-code");
      document.getElementById("totp-code").value = "";
      await next(await respond("SOFTWARE_TOKEN_MFA", { SOFTWARE_TOKEN_MFA_CODE: code }));
    });
    document.getElementById("signout").addEventListener("click", () => signOut("You are signed out."));
    document.getElementById("day-form").addEventListener("submit", guarded(loadDay));
    document.getElementById("detail-cancel").addEventListener("click", guarded(cancelOpen));
    document.getElementById("detail-close").addEventListener("click", () => { document.getElementById("booking-detail").hidden = true; });
    document.getElementById("erase-form").addEventListener("submit", guarded(erasePerson));
    document.getElementById("audit-form").addEventListener("submit", guarded(() => loadAudit(false)));
    document.getElementById("audit-more").addEventListener("click", guarded(() => loadAudit(true)));
    document.getElementById("audit-seal").addEventListener("click", guarded(sealAudit));
    document.getElementById("audit-verify").addEventListener("click", guarded(verifyAudit));
    for (const type of ["keydown", "pointerdown", "input"]) document.addEventListener(type, activity, { passive: true });
    show("signin-form");
  });
})();
