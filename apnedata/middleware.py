"""CORS for the open data: any site may read /api/ from a browser, with GET and HEAD only.
Nothing else on the site is shared with other origins."""

from django.http import HttpRequest, HttpResponse

PREFIKS = "/api/"
HODER = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
    "Access-Control-Max-Age": "86400",
}


class CorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIKS):
            return self.get_response(request)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            # A browser's preflight: answered here, before any view.
            svar = HttpResponse(status=204)
            if request.headers["Access-Control-Request-Method"] not in ("GET", "HEAD"):
                return svar
        elif request.method == "HEAD":
            # HEAD is GET without the body (curl -I): the operations are declared for GET only.
            request.method = "GET"
            svar = self.get_response(request)
            request.method = "HEAD"
            svar.content = b""
        else:
            svar = self.get_response(request)
            if request.method != "GET":
                return svar
        for navn, verdi in HODER.items():
            svar[navn] = verdi
        return svar
