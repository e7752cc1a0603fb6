// The manage page: the booking id and manage token come from the URL fragment, which browsers
// never send to a server, and go only into the Authorization header of API calls.
"use strict";

(() => {
  const { api, el, say, when } = SafeBook;
  let bookingId = null;
  let token = null;

  function readFragment() {
    const fragment = decodeURIComponent(location.hash.substring(1));
    const dot = fragment.indexOf(".");
    if (dot <= 0) return false;
    bookingId = fragment.substring(0, dot);
    token = fragment.substring(dot + 1);
    return token.length > 0;
  }

  const auth = () => ({ Authorization: "Bearer " + token });

  async function loadBooking() {
    const b = await api("/bookings/" + encodeURIComponent(bookingId), { headers: auth() });
    const set = (id, value) => { document.getElementById(id).textContent = value || "—"; };
    set("booking-status", b.status === "CONFIRMED" ? "Confirmed" : b.status === "CANCELLED" ? "Cancelled" : b.status);
    set("booking-service", b.serviceId);
    set("booking-when", when(b.start) + "–" + b.end.substring(11, 16));
    set("booking-name", b.customer && b.customer.name);
    set("booking-email", b.customer && b.customer.email);
    set("booking-phone", b.customer && b.customer.phone);
    set("booking-notes", b.notes);
    document.getElementById("cancel").hidden = b.status !== "CONFIRMED";
    document.getElementById("booking-section").hidden = false;
  }

  async function loadConsents() {
    const { consents } = await api("/consents", { headers: auth() });
    const list = document.getElementById("consent-list");
    list.replaceChildren(...consents.filter((c) => c.legalBasis !== "CONTRACT").map((c) => {
      const id = "consent-" + c.purpose;
      const box = el("input", { type: "checkbox", id, name: "consent", value: c.purpose, checked: c.granted === true });
      box.addEventListener("change", () => decide(c, box));
      return el("label", { class: "check", for: id }, box,
        el("span", {}, el("strong", { text: c.purpose.replace(/-/g, " ") + ":" }), " " + c.description));
    }));
    document.getElementById("consents-section").hidden = false;
  }

  async function decide(consent, box) {
    box.disabled = true;
    try {
      const body = box.checked ? { granted: true, policyVersion: consent.currentPolicyVersion } : { granted: false };
      await api("/consents/" + encodeURIComponent(consent.purpose), { method: "PUT", headers: auth(), body });
      say("status", (box.checked ? "Allowed: " : "Withdrawn: ") + consent.purpose.replace(/-/g, " ") + ".");
    } catch (e) {
      box.checked = !box.checked;
      say("error", e.message);
    } finally {
      box.disabled = false;
    }
  }

  async function cancel() {
    say("error", "");
    try {
      await api("/bookings/" + encodeURIComponent(bookingId), { method: "DELETE", headers: auth() });
      await loadBooking();
      say("status", "Your appointment is cancelled. The time is free for others again.");
    } catch (e) {
      say("error", e.code === "booking-started" ? "This appointment has already started and can no longer be cancelled here." : e.message);
    }
  }

  async function exportData() {
    say("error", "");
    try {
      const data = await api("/me/data", { headers: auth() });
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      const link = document.getElementById("export-file");
      if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
      link.href = URL.createObjectURL(blob);
      link.hidden = false;
      link.click();
      say("export-status", "Your data is ready: " + data.bookings.length + " booking(s), " +
        data.consentHistory.length + " permission record(s), " + data.staffAccesses.length +
        " staff access(es). The file is safebook-my-data.json.");
    } catch (e) {
      say("error", e.message);
    }
  }

  async function erase() {
    say("error", "");
    try {
      const receipt = await api("/erasure-requests", { method: "POST", headers: auth() });
      token = null;
      history.replaceState(null, "", location.pathname);
      for (const id of ["booking-section", "consents-section", "erase-confirm", "erase-start", "export"]) {
        document.getElementById(id).hidden = true;
      }
      document.getElementById("export-file").hidden = true;
      say("status", "");
      say("erase-result", "Your data has been erased (receipt " + receipt.erasureId + ", " + receipt.removed.bookings +
        " booking(s) removed). Your manage link no longer works.");
    } catch (e) {
      say("error", e.message);
    }
  }

  // Another manage link pasted into this tab changes only the fragment: start over with it.
  window.addEventListener("hashchange", () => location.reload());

  document.addEventListener("DOMContentLoaded", () => {
    if (!readFragment()) {
      say("status", "");
      say("error", "This page needs the private link you received when you booked.");
      return;
    }
    document.getElementById("cancel").addEventListener("click", cancel);
    document.getElementById("export").addEventListener("click", exportData);
    const understood = document.getElementById("erase-understood");
    const confirmButton = document.getElementById("erase-confirm-button");
    document.getElementById("erase-start").addEventListener("click", () => {
      document.getElementById("erase-confirm").hidden = false;
      understood.focus();
    });
    understood.addEventListener("change", () => { confirmButton.disabled = !understood.checked; });
    document.getElementById("erase-abort").addEventListener("click", () => {
      understood.checked = false;
      confirmButton.disabled = true;
      document.getElementById("erase-confirm").hidden = true;
    });
    confirmButton.addEventListener("click", erase);
    Promise.all([loadBooking(), loadConsents()])
      .then(() => {
        say("status", "");
        document.getElementById("data-section").hidden = false;
      })
      .catch((e) => {
        say("status", "");
        say("error", e.status === 404 ? "This link does not open a booking. It may be mistyped, or the data may have been erased." : e.message);
      });
  });
})();
