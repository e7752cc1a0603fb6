package com.safebook.core.booking;

import com.safebook.core.error.DomainException;
import com.safebook.core.error.ErrorKind;
import java.time.Instant;

/**
 * Finds a booking for whoever presents its manage token. An unknown id, an expired booking and a
 * wrong token are the same answer, in the same time, so that none can be told apart.
 */
public final class BookingAccess {
    private final BookingRepository bookings;

    public BookingAccess(BookingRepository bookings) {
        this.bookings = bookings;
    }

    public Booking withToken(String bookingId, String manageToken, Instant now) {
        if (bookingId == null || bookingId.length() > 64) {
            // The same work as a real lookup that fails, so that the answer takes the same time.
            ManageToken.matches(manageToken, null);
            throw notFound();
        }
        return bookings.findIfTokenMatches(bookingId, storedHash -> ManageToken.matches(manageToken, storedHash), now)
                .orElseThrow(BookingAccess::notFound);
    }

    /**
     * The booking of a manage token alone, for requests about the person rather than one booking
     * (consents, export, erasure). A missing, malformed or unknown token is the same 404.
     */
    public Booking withToken(String manageToken, Instant now) {
        if (manageToken == null || manageToken.isEmpty() || manageToken.length() > 128) {
            throw notFound();
        }
        var booking = bookings.findByManageToken(ManageToken.hash(manageToken), now);
        if (booking.isEmpty() || !ManageToken.matches(manageToken, booking.get().manageTokenHash())) {
            throw notFound();
        }
        return booking.get();
    }

    public static DomainException notFound() {
        return new DomainException(
                ErrorKind.NOT_FOUND, "booking-not-found", "No booking matches this id and manage token.");
    }
}
