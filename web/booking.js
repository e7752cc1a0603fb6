// The booking site: a service, a free slot, the person's details, optional consents, book.
"use strict";

(() => {
  const { api, el, say, formatDay, localTime, localDate, when } = SafeBook;
  const DAYS = 7;
  let purposes = [];
  // One key per booking attempt: a retry of the same form (a timeout, a lost answer) gets the same
  // answer instead of a second booking; a changed form gets a new key.
  let idempotencyKey = null;

  function isoDate(date) {
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" +
      String(date.getDate()).padStart(2, "0");
  }

  async function loadServices() {
    const { services } = await api("/services");
    const select = document.getElementById("service");
    select.replaceChildren(...services.map((s) => el("option", {
      value: s.serviceId,
      text: s.name + " (" + s.durationMinutes + " min" +
        (s.priceMinor != null ? ", " + (s.priceMinor / 100).toFixed(2) + " " + s.currency : "") + ")",
    })));
    select.disabled = services.length === 0;
    if (services.length === 0) say("slots-status", "No services can be booked at the moment.");
  }

  async function loadSlots() {
    const serviceId = document.getElementById("service").value;
    const list = document.getElementById("slot-list");
    list.replaceChildren();
    if (!serviceId) return;
    say("slots-status", "Loading free times…");
    const from = new Date();
    const to = new Date(from.getTime() + (DAYS - 1) * 86400000);
    const { slots } = await api("/availability?serviceId=" + encodeURIComponent(serviceId) +
      "&from=" + isoDate(from) + "&to=" + isoDate(to));
    const byDay = new Map();
    for (const slot of slots) {
      const day = localDate(slot.start);
      if (!byDay.has(day)) byDay.set(day, []);
      byDay.get(day).push(slot);
    }
    let n = 0;
    for (const [day, daySlots] of byDay) {
      const group = el("fieldset", { class: "slots-day" }, el("legend", { text: formatDay(day) }));
      for (const slot of daySlots) {
        const id = "slot-" + n++;
        const radio = el("input", { type: "radio", name: "slot", id, value: slot.start, required: true });
        group.append(el("label", { class: "slot", for: id }, radio, localTime(slot.start) + "–" + localTime(slot.end)));
      }
      list.append(group);
    }
    say("slots-status", slots.length === 0
      ? "No free times in the next " + DAYS + " days. Please try another service."
      : slots.length + " free times. Times are shown in the business's local time.");
  }

  async function loadPurposes() {
    ({ purposes } = await api("/consent-purposes"));
    const list = document.getElementById("consent-list");
    // The booking itself rests on the contract: nothing to tick for it.
    list.replaceChildren(...purposes.filter((p) => p.legalBasis !== "CONTRACT").map((p) => {
      const id = "consent-" + p.purpose;
      return el("label", { class: "check", for: id },
        el("input", { type: "checkbox", id, name: "consent", value: p.purpose }),
        el("span", {}, el("strong", { text: label(p.purpose) }), " " + p.description));
    }));
  }

  function label(purpose) {
    const text = purpose.replace(/-/g, " ");
    return text.charAt(0).toUpperCase() + text.substring(1) + ":";
  }

  function formBody() {
    const value = (id) => document.getElementById(id).value.trim();
    const slot = document.querySelector("input[name=slot]:checked");
    const customer = { name: value("name"), email: value("email") };
    if (value("phone")) customer.phone = value("phone");
    const body = { serviceId: value("service"), start: slot ? slot.value : "", customer };
    if (value("notes")) body.notes = value("notes");
    const consents = {};
    for (const box of document.querySelectorAll("input[name=consent]:checked")) {
      const purpose = purposes.find((p) => p.purpose === box.value);
      consents[box.value] = { granted: true, policyVersion: purpose.policyVersion };
    }
    if (Object.keys(consents).length > 0) body.consents = consents;
    return body;
  }

  function check(body) {
    if (!body.start) return "Please choose a time.";
    if (!body.customer.name) return "Please enter your name.";
    if (!/^[^@\s]+@[^@\s]+$/.test(body.customer.email)) return "Please enter a valid email address.";
    if (body.notes && !(body.consents && body.consents["health-notes"])) {
      return "Notes are kept only with the \"health notes\" permission. Tick it, or leave the notes empty.";
    }
    return null;
  }

  const MESSAGES = {
    "slot-unavailable": "Sorry, someone has just booked that time. The free times have been refreshed; please choose another.",
    "validation-failed": "Some details are not valid. Please check the form.",
  };

  async function book(event) {
    event.preventDefault();
    say("error", "");
    const body = formBody();
    const problem = check(body);
    if (problem) {
      say("error", problem);
      return;
    }
    const button = document.getElementById("book");
    button.disabled = true;
    say("book-status", "Booking…");
    idempotencyKey = idempotencyKey || crypto.randomUUID();
    try {
      const created = await api("/bookings", {
        method: "POST",
        headers: { "Idempotency-Key": idempotencyKey },
        body,
      });
      idempotencyKey = null;
      showConfirmation(created);
    } catch (e) {
      if (e.status !== undefined && e.status < 500) idempotencyKey = null;
      say("book-status", "");
      say("error", MESSAGES[e.code] || e.message);
      if (e.code === "slot-unavailable") await loadSlots();
    } finally {
      button.disabled = false;
    }
  }

  function showConfirmation(created) {
    const service = document.getElementById("service");
    const link = new URL("manage.html", location.href);
    // The token travels in the fragment: browsers never send it to a server or in a Referer.
    link.hash = created.bookingId + "." + created.manageToken;
    document.getElementById("manage-link").href = link.href;
    say("confirmation-summary", service.options[service.selectedIndex].text + " on " + when(created.start) + ".");
    const notRecorded = created.consents ? created.consents.notRecorded : [];
    say("consents-not-recorded", notRecorded.length === 0 ? "" :
      "These permissions could not be saved; please set them again on the manage page: " + notRecorded.join(", "));
    document.getElementById("booking-form").hidden = true;
    const section = document.getElementById("confirmation");
    section.hidden = false;
    section.focus();
  }

  function reset() {
    document.getElementById("booking-form").reset();
    document.getElementById("booking-form").hidden = false;
    document.getElementById("confirmation").hidden = true;
    say("book-status", "");
    loadSlots().catch(fail);
  }

  function fail(e) {
    say("error", e.message || "Something went wrong. Please try again.");
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("booking-form").addEventListener("submit", book);
    document.getElementById("booking-form").addEventListener("input", () => { idempotencyKey = null; });
    document.getElementById("service").addEventListener("change", () => loadSlots().catch(fail));
    document.getElementById("book-another").addEventListener("click", reset);
    Promise.all([loadServices().then(loadSlots), loadPurposes()]).catch(fail);
  });
})();
