#!/usr/bin/env python3
"""Prepares a mixed load against a running local stack, with nothing but the standard library.

It signs a staff user in through the stack's Cognito stand-in (the wire calls the AWS SDK makes,
TOTP computed here as RFC 6238 does), books a few seed bookings for the manage reads, lists free
slots far enough ahead for every booking of the run, and writes it all as a Lua table that
mixed-load.lua reads. Usage: mixed_load_prepare.py API_URL OUT.lua [SLOTS]
"""
import base64
import hashlib
import hmac
import json
import struct
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import date, datetime, time as clock, timedelta
from zoneinfo import ZoneInfo

SERVICE = "follow-up"  # the demo catalogue's 15-minute service
ZONE = ZoneInfo("Europe/Berlin")
SEED_BOOKINGS = 40
PASSWORD = "Load-Test-Passw0rd-" + uuid.uuid4().hex[:8]


def call(url, body=None, headers=None, method=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def cognito(endpoint, action, body):
    status, answer = call(endpoint, body, {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService." + action,
    })
    if status != 200:
        sys.exit(f"Cognito {action} failed with {status}: {answer.get('__type')}")
    return answer


def totp(secret):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def staff_id_token(config):
    """A staff member's id token: the first sign-in with a new password and an authenticator app."""
    endpoint, pool, client = config["awsEndpointUrl"], config["userPoolId"], config["userPoolClientId"]
    username = "load-" + uuid.uuid4().hex[:8]
    cognito(endpoint, "AdminCreateUser", {
        "UserPoolId": pool, "Username": username, "TemporaryPassword": "Temporary-Passw0rd-1",
        "MessageAction": "SUPPRESS",
        "UserAttributes": [{"Name": "email", "Value": username + "@example.com"},
                           {"Name": "email_verified", "Value": "true"}]})
    cognito(endpoint, "AdminAddUserToGroup", {"UserPoolId": pool, "Username": username, "GroupName": "staff"})
    session = cognito(endpoint, "InitiateAuth", {
        "ClientId": client, "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": username, "PASSWORD": "Temporary-Passw0rd-1"}})["Session"]
    session = cognito(endpoint, "RespondToAuthChallenge", {
        "ClientId": client, "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": session,
        "ChallengeResponses": {"USERNAME": username, "NEW_PASSWORD": PASSWORD}})["Session"]
    association = cognito(endpoint, "AssociateSoftwareToken", {"Session": session})
    session = cognito(endpoint, "VerifySoftwareToken", {
        "Session": association["Session"], "UserCode": totp(association["SecretCode"])})["Session"]
    return cognito(endpoint, "RespondToAuthChallenge", {
        "ClientId": client, "ChallengeName": "MFA_SETUP", "Session": session,
        "ChallengeResponses": {"USERNAME": username}})["AuthenticationResult"]["IdToken"]


def slots(first_day, count):
    """Every 15-minute start of the demo opening hours (Mon-Fri 9-12 and 13-17, Sat 10-14)."""
    hours = {5: [(10, 14)]}
    hours.update({weekday: [(9, 12), (13, 17)] for weekday in range(5)})
    day, found = first_day, []
    while len(found) < count:
        for start_hour, end_hour in hours.get(day.weekday(), []):
            at = datetime.combine(day, clock(start_hour), ZONE)
            while at.hour < end_hour and len(found) < count:
                found.append(at.isoformat())
                at += timedelta(minutes=15)
        day += timedelta(days=1)
    return found


def lua_string(text):
    return json.dumps(text)  # a JSON string of ASCII is a valid Lua string literal


def main():
    api, out = sys.argv[1].rstrip("/"), sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 40_000
    _, config = call(api + "/local/config")
    first_day = date.today() + timedelta(days=30)
    free = slots(first_day, SEED_BOOKINGS + count)
    seeded = []
    for start in free[:SEED_BOOKINGS]:
        status, booking = call(api + "/bookings", {
            "serviceId": SERVICE, "start": start,
            "customer": {"name": "Seed Customer", "email": f"seed-{len(seeded) % 10}@example.com"}},
            {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())})
        if status != 201:
            sys.exit(f"Seed booking failed with {status}: {booking.get('type')}")
        seeded.append((booking["bookingId"], booking["manageToken"]))
    seed_days = sorted({start[:10] for start in free[:SEED_BOOKINGS]})
    with open(out, "w", encoding="ascii") as lua:
        lua.write("return {\n")
        lua.write(f"  service = {lua_string(SERVICE)},\n")
        lua.write(f"  from = {lua_string(first_day.isoformat())},\n")
        lua.write(f"  to = {lua_string((first_day + timedelta(days=6)).isoformat())},\n")
        lua.write(f"  staffToken = {lua_string(staff_id_token(config))},\n")
        lua.write("  staffDays = {" + ",".join(map(lua_string, seed_days)) + "},\n")
        lua.write("  bookings = {\n" + "".join(
            f"    {{id = {lua_string(i)}, token = {lua_string(t)}}},\n" for i, t in seeded) + "  },\n")
        lua.write("  slots = {\n" + "".join(f"    {lua_string(s)},\n" for s in free[SEED_BOOKINGS:]) + "  },\n")
        lua.write("}\n")
    print(f"prepared: {len(seeded)} seed bookings, {count} free slots from {free[SEED_BOOKINGS][:10]}, a staff token")


if __name__ == "__main__":
    main()
