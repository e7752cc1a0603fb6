// Shared by the booking site, the manage page and the dashboard: the deployment's config.json,
// calls to the API, and small DOM helpers. No third-party code.
"use strict";

const SafeBook = (() => {
  let configPromise;

  /** The deployment's config.json: apiUrl, region, userPoolId, userPoolClientId, cognitoEndpoint. */
  function config() {
    if (!configPromise) {
      configPromise = fetch("/config.json", { cache: "no-store" }).then((r) => {
        if (!r.ok) throw new Error("The site's configuration could not be loaded.");
        return r.json();
      });
    }
    return configPromise;
  }

  /** A problem document's type code (urn:safebook:problem:<code>), or null. */
  function problemCode(body) {
    const type = body && typeof body.type === "string" ? body.type : "";
    return type.startsWith("urn:safebook:problem:") ? type.substring("urn:safebook:problem:".length) : null;
  }

  class ApiError extends Error {
    constructor(status, body) {
      super((body && (body.detail || body.title)) || "The request failed (" + status + ").");
      this.status = status;
      this.code = problemCode(body);
      this.body = body;
    }
  }

  /** Calls the API; resolves to the JSON body, rejects with an ApiError. Credentials are never cookies. */
  async function api(path, { method = "GET", headers = {}, body } = {}) {
    const cfg = await config();
    const init = { method, headers: { Accept: "application/json", ...headers }, credentials: "omit", cache: "no-store" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(cfg.apiUrl.replace(/\/$/, "") + path, init);
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === false || value === null || value === undefined) continue;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  /** Shows a message in a live region (role=status or role=alert) so screen readers announce it. */
  function say(id, message) {
    const region = document.getElementById(id);
    region.textContent = "";
    // A fresh text node makes assistive technology announce a repeated message too.
    region.append(document.createTextNode(message || ""));
  }

  function formatDay(iso) {
    return new Date(localDate(iso) + "T12:00:00").toLocaleDateString(undefined, { weekday: "long", day: "numeric", month: "long" });
  }

  /** The slot's wall-clock time as the service states it (its own offset), not the browser's zone. */
  function localTime(iso) {
    return iso.substring(11, 16);
  }

  function localDate(iso) {
    return iso.substring(0, 10);
  }

  function when(iso) {
    return localDate(iso) + " " + localTime(iso);
  }

  return { config, api, ApiError, el, say, formatDay, localTime, localDate, when };
})();
