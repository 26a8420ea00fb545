"""kg.render"""
