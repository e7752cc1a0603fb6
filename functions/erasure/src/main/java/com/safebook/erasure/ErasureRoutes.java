package com.safebook.erasure;

import com.safebook.aws.http.ApiResponse;
import com.safebook.aws.http.ApiRoutes;
import com.safebook.aws.http.StaffClaims;
import com.safebook.core.erasure.ErasePerson;
import com.safebook.core.erasure.ErasureReceipt;
import com.safebook.core.erasure.ExportPersonalData;
import com.safebook.core.staff.StaffRole;
import javax.inject.Inject;

/**
 * {@code GET /me/data}, {@code POST /erasure-requests}, and {@code POST /staff/erasures} for an
 * administrator erasing a person by email. An erasure answers 201 with the receipt
 * when this request completed it, and 200 with the same receipt when an earlier one had.
 */
final class ErasureRoutes {
    private final ExportPersonalData export;
    private final ErasePerson erase;

    @Inject
    ErasureRoutes(ExportPersonalData export, ErasePerson erase) {
        this.export = export;
        this.erase = erase;
    }

    /** The person's email address, as the administrator was given it; never echoed or logged. */
    record StaffErasureBody(String email) {
        @Override
        public String toString() {
            return "StaffErasureBody[redacted]";
        }
    }

    private static ApiResponse answer(ErasureReceipt receipt) {
        var view = Views.receipt(receipt);
        return receipt.repeated()
                ? ApiResponse.ok(view)
                : ApiResponse.created(view, "/erasure-requests/" + receipt.erasureId());
    }

    ApiRoutes routes() {
        return ApiRoutes.builder()
                .get(
                        "/me/data",
                        request -> ApiResponse.ok(
                                Views.export(export.export(request.bearerToken().orElse(null), request.context()))))
                .post(
                        "/erasure-requests",
                        request ->
                                answer(erase.byManageToken(request.bearerToken().orElse(null), request.context())))
                .post("/staff/erasures", request -> {
                    // An administrator erases a person who asked by phone or letter; the trail names them.
                    var staff = StaffClaims.identity(request.authorizerClaims());
                    staff.requireAnyOf(StaffRole.ADMIN);
                    var body = request.body(StaffErasureBody.class);
                    return answer(erase.byEmail(body.email(), request.context().as(staff.actor())));
                })
                .build();
    }
}
