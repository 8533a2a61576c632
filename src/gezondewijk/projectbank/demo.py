from gezondewijk.demo.registry import DemoContext


def build_projectbank(ctx: DemoContext) -> None:
    pass
