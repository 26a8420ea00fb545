"""kg.resolve"""
