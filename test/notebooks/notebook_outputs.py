"""Reading what executed notebooks printed, shared by the notebook tests."""


def texts(outputs):
    """The text of stream outputs and the text/plain of results and displays, in order."""
    parts = []
    for output in outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.append(output.data.get("text/plain", ""))
    return "".join(parts)
