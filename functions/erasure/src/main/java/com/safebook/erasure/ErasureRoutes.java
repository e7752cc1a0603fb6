package com.safebook.erasure;

import com.safebook.aws.http.ApiResponse;
import com.safebook.aws.http.ApiRoutes;
import com.safebook.core.erasure.ErasePerson;
import com.safebook.core.erasure.ExportPersonalData;
import javax.inject.Inject;

/**
 * {@code GET /me/data} and {@code POST /erasure-requests}. An erasure answers 201 with the receipt
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

    ApiRoutes routes() {
        return ApiRoutes.builder()
                .get(
                        "/me/data",
                        request -> ApiResponse.ok(
                                Views.export(export.export(request.bearerToken().orElse(null), request.context()))))
                .post("/erasure-requests", request -> {
                    var receipt = erase.byManageToken(request.bearerToken().orElse(null), request.context());
                    var view = Views.receipt(receipt);
                    return receipt.repeated()
                            ? ApiResponse.ok(view)
                            : ApiResponse.created(view, "/erasure-requests/" + receipt.erasureId());
                })
                .build();
    }
}
