"""Response fixes for the files the library serves through Wagtail."""


class DocumentEncodingMiddleware:
    """Wagtail's document view (wagtail.utils.sendfile) writes `Content-Encoding: None` when
    the file name says no encoding, that is for every PDF, ODT or DOCX: a header naming an
    encoding that does not exist, which a proxy or a client may refuse to decode. A
    `Content-Encoding` of « None » is dropped; a real one (a `.gz` file) is kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Encoding") == "None":
            del response["Content-Encoding"]
        return response
